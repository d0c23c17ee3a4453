/**
 * The halls of the many-hall presets: a city's 市政务服务中心 and its district and county 分中心,
 * a province of such cities under the provincial hall, and the sample as a small city. Every
 * hall's ids start over (S0001, A01, 税务局, ticket and evaluation numbers), as real halls' do.
 */
import type { HallEntry, HallParameters } from "./hall-parameters.ts";
import { Rng } from "./prng.ts";

/** What every hall of a scale preset shares: the period, the work rates and the preset's seed. */
export interface NetworkSpec {
  readonly firstDay: string;
  readonly lastDay: string;
  readonly ticketsPerStaffDay: number;
  readonly evaluationRate: number;
  readonly seed: number;
  /** Staff over all the halls, exactly. */
  readonly staff: number;
}

const DISTRICTS = [
  "城东区",
  "城西区",
  "城南区",
  "城北区",
  "高新区",
  "经开区",
  "临江区",
  "清河县",
  "青山县",
  "白水县",
  "石门县",
  "云溪县",
] as const;
const CITIES = [
  "东州市",
  "西州市",
  "南州市",
  "北州市",
  "江城市",
  "山城市",
  "湖城市",
  "海城市",
  "云城市",
  "林城市",
  "河城市",
];

/** A hall of `staff` people, with enough departments that each has 税务局 (the fifth kind). */
function hallOf(spec: NetworkSpec, code: string, hallName: string, staff: number): HallParameters {
  return {
    hallName,
    seed: new Rng(spec.seed).fork(code).seed,
    firstDay: spec.firstDay,
    lastDay: spec.lastDay,
    staff,
    departments: Math.max(5, Math.round(staff / 40)),
    ticketsPerStaffDay: spec.ticketsPerStaffDay,
    evaluationRate: spec.evaluationRate,
    xlsx: false,
    missingAttendanceDays: [],
  };
}

/**
 * Moves drawn sizes to sum to `total` exactly, one person at a time round the halls, never past
 * the bounds. Throws when the bounds cannot hold the total.
 */
export function fitSizes(
  drawn: readonly number[],
  total: number,
  [min, max]: readonly [number, number],
): number[] {
  if (total < drawn.length * min || total > drawn.length * max)
    throw new Error(`${drawn.length} 个大厅（每个 ${min}–${max} 人）容纳不下 ${total} 人`);
  const sizes = drawn.map((size) => Math.min(max, Math.max(min, size)));
  let gap = total - sizes.reduce((sum, size) => sum + size, 0);
  for (let index = 0; gap !== 0; index = (index + 1) % sizes.length) {
    const step = Math.sign(gap);
    const next = sizes[index]! + step;
    if (next < min || next > max) continue;
    sizes[index] = next;
    gap -= step;
  }
  return sizes;
}

const startDate = (rng: Rng) => `20${rng.int(12, 22)}-${String(rng.int(1, 12)).padStart(2, "0")}-01`;

/**
 * A city: its 市政务服务中心 `SZ-00` (280 staff) and twelve 分中心 `SZ-01`…`SZ-12` of 40–90
 * staff; every third branch's evaluations come in the root-level provincial export.
 */
export function cityHalls(spec: NetworkSpec): HallEntry[] {
  const rng = new Rng(spec.seed).fork("halls");
  const branchSizes = [90, 80, 75, 70, 65, 60, 55, 50, 50, 45, 40, 40];
  const [central, ...branches] = fitSizes([280, ...branchSizes], spec.staff, [40, 300]);
  const centre: HallEntry = {
    code: "SZ-00",
    parentCode: null,
    region: "示例市",
    startDate: "2012-06-01",
    endDate: null,
    hall: hallOf(spec, "SZ-00", "示例市政务服务中心", central!),
    scenario: null,
    evaluationsAtRoot: false,
  };
  return [
    centre,
    ...branches.map((staff, index): HallEntry => {
      const code = `SZ-${String(index + 1).padStart(2, "0")}`;
      const district = DISTRICTS[index]!;
      return {
        code,
        parentCode: centre.code,
        region: `示例市${district}`,
        startDate: startDate(rng),
        endDate: null,
        hall: hallOf(spec, code, `示例市${district}政务服务分中心`, staff),
        scenario: null,
        evaluationsAtRoot: index % 3 === 2,
      };
    }),
  ];
}

/**
 * A province of about 100 halls of 50–500 staff: the provincial hall `SHENG` (500), and eleven
 * cities, each a 市政务服务中心 `Cnn-00` (≈ 320–480) over eight 分中心 `Cnn-01`…`Cnn-08`
 * (≈ 60–280). Every third hall's evaluations come in the root-level provincial export.
 */
export function provinceHalls(spec: NetworkSpec): HallEntry[] {
  const rng = new Rng(spec.seed).fork("halls");
  const places: { code: string; parentCode: string | null; region: string; name: string; drawn: number }[] = [
    { code: "SHENG", parentCode: null, region: "示例省", name: "示例省政务服务中心", drawn: 500 },
  ];
  CITIES.forEach((city, cityIndex) => {
    const prefix = `C${String(cityIndex + 1).padStart(2, "0")}`;
    const centre = `${prefix}-00`;
    places.push({
      code: centre,
      parentCode: "SHENG",
      region: `示例省${city}`,
      name: `${city}政务服务中心`,
      drawn: rng.int(320, 480),
    });
    for (const [index, district] of DISTRICTS.slice(0, 8).entries())
      places.push({
        code: `${prefix}-${String(index + 1).padStart(2, "0")}`,
        parentCode: centre,
        region: `示例省${city}${district}`,
        name: `${city}${district}政务服务分中心`,
        drawn: rng.int(60, 280),
      });
  });
  const sizes = fitSizes(
    places.map((place) => place.drawn),
    spec.staff,
    [50, 500],
  );
  return places.map((place, index) => ({
    code: place.code,
    parentCode: place.parentCode,
    region: place.region,
    startDate: startDate(rng),
    endDate: null,
    hall: hallOf(spec, place.code, place.name, sizes[index]!),
    scenario: null,
    evaluationsAtRoot: index % 3 === 1,
  }));
}

/**
 * The sample as a small city: the present sample hall `SXX`, unchanged to the byte, and its
 * smaller 开发区分中心 `SXX-KFQ` (15 staff), whose evaluations all come in the root-level export.
 */
export function sampleCityHalls(sample: HallParameters): HallEntry[] {
  return [
    {
      code: "SXX",
      parentCode: null,
      region: "示例县",
      startDate: "2016-03-01",
      endDate: null,
      hall: sample,
      scenario: "sample",
      evaluationsAtRoot: false,
    },
    {
      code: "SXX-KFQ",
      parentCode: "SXX",
      region: "示例县经济开发区",
      startDate: "2021-07-01",
      endDate: null,
      hall: {
        hallName: "示例县经济开发区政务服务分中心",
        seed: 20260904,
        firstDay: sample.firstDay,
        lastDay: sample.lastDay,
        staff: 15,
        departments: 5,
        ticketsPerStaffDay: sample.ticketsPerStaffDay,
        evaluationRate: sample.evaluationRate,
        xlsx: false,
        missingAttendanceDays: [],
      },
      scenario: "branch",
      evaluationsAtRoot: true,
    },
  ];
}
