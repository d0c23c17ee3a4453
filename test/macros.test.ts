import { fc, test } from "@fast-check/vitest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Db, quoteLiteral } from "../pipeline/db.ts";
import { loadMacros } from "../pipeline/transform/models.ts";
import { createMacros } from "../pipeline/transform/run-models.ts";

/** The macros of sql/macros, as every run creates them. */
let db: Db;
beforeAll(async () => {
  db = await Db.open(":memory:");
  await createMacros(db, await loadMacros());
});
afterAll(() => db.close());

describe("clean(), the text cleaning every staging model applies", () => {
  const clean = async (text: string | null) =>
    (await db.one<{ cleaned: string | null }>("select clean($text::varchar) as cleaned", { text }))?.cleaned;

  it("trims spaces, tabs, line breaks and the ideographic space at either end, however many", async () => {
    expect(await clean(" 张三 ")).toBe("张三");
    expect(await clean("\t\r\n张三\r\n")).toBe("张三");
    expect(await clean("　张三　　")).toBe("张三");
    expect(await clean(" \t　张三")).toBe("张三");
    expect(await clean("张三\n")).toBe("张三");
  });

  it("keeps what is inside the text and what needs no trimming", async () => {
    expect(await clean("张 三")).toBe("张 三");
    expect(await clean("a　b")).toBe("a　b");
    expect(await clean("x")).toBe("x");
    expect(await clean("_张三_")).toBe("_张三_");
  });

  it("makes empty and blank cells null", async () => {
    expect(await clean(null)).toBeNull();
    expect(await clean("")).toBeNull();
    expect(await clean(" ")).toBeNull();
    expect(await clean("　\t\r\n")).toBeNull();
  });
});

describe("normalize_enumerated(), how every enumerated value is matched (rules.md §4, rev 2)", () => {
  const normalized = async (text: string | null): Promise<string | null> =>
    (
      await db.one<{ value: string | null }>("select normalize_enumerated($text::varchar) as value", {
        text,
      })
    )?.value ?? null;
  const fullWidth = (text: string) =>
    [...text].map((c) => String.fromCodePoint(c.codePointAt(0)! - 0x21 + 0xff01)).join("");

  it("gives a name printed with ASCII punctuation and its full-width spelling one form", async () => {
    expect(await normalized("与服务对象发生争吵,影响中心正常工作秩序")).toBe(
      "与服务对象发生争吵,影响中心正常工作秩序",
    );
    expect(await normalized("与服务对象发生争吵，影响中心正常工作秩序")).toBe(
      "与服务对象发生争吵,影响中心正常工作秩序",
    );
    expect(await normalized('未履行"一次性告知"义务,让服务对象反复跑腿')).toBe(
      '未履行"一次性告知"义务,让服务对象反复跑腿',
    );
    expect(await normalized("未履行“一次性告知”义务，让服务对象反复跑腿")).toBe(
      '未履行"一次性告知"义务,让服务对象反复跑腿',
    );
    expect(await normalized("未履行「一次性告知」义务，让服务对象反复跑腿")).toBe(
      '未履行"一次性告知"义务,让服务对象反复跑腿',
    );
    expect(await normalized("办理结果有差错（操作失误），导致服务对象二次办结")).toBe(
      "办理结果有差错(操作失误),导致服务对象二次办结",
    );
    expect(await normalized("上班未佩戴胸卡、未按规定穿着工作服")).toBe("上班未佩戴胸卡,未按规定穿着工作服");
  });

  it("turns full-width letters and digits into ASCII and drops every kind of space", async () => {
    expect(await normalized("ＡＷＡＹ＿３０")).toBe("AWAY_30");
    expect(await normalized("５")).toBe("5");
    expect(await normalized(" 非常 满意 ")).toBe("非常满意");
    expect(await normalized("已\u3000批准\u00a0")).toBe("已批准");
    expect(await normalized("态度／刁难")).toBe("态度/刁难");
  });

  it("keeps case (codes are compared in upper case where the list is of codes) and makes blank null", async () => {
    expect(await normalized("away_30")).toBe("away_30");
    expect(await normalized("")).toBeNull();
    expect(await normalized(" \u3000\t")).toBeNull();
    expect(await normalized(null)).toBeNull();
  });

  const asciiText = fc
    .array(fc.integer({ min: 0x21, max: 0x7e }), { minLength: 1, maxLength: 12 })
    .map((codes) => String.fromCodePoint(...codes));
  const cellText = fc
    .array(
      fc.oneof(
        fc.integer({ min: 0x21, max: 0x7e }),
        fc.integer({ min: 0x4e00, max: 0x4e40 }),
        fc.constantFrom(0xff0c, 0x3001, 0x3002, 0x201c, 0x201d, 0x300a, 0x300b, 0xff08, 0xff09),
      ),
      { minLength: 1, maxLength: 12 },
    )
    .map((codes) => String.fromCodePoint(...codes));
  const spaces = fc.array(fc.constantFrom(" ", "\t", "\u3000", "\u00a0", "\u200b"), { maxLength: 3 });

  test.prop([asciiText], { seed: 20261201, numRuns: 150 })(
    "normalizes a full-width spelling exactly like the ASCII one",
    async (text) => {
      expect(await normalized(fullWidth(text))).toBe(await normalized(text));
    },
  );

  test.prop([cellText, fc.array(fc.tuple(fc.nat(), spaces), { maxLength: 4 })], {
    seed: 20261202,
    numRuns: 150,
  })("ignores spaces wherever they are", async (text, insertions) => {
    const characters = [...text];
    for (const [at, inserted] of insertions) characters.splice(at % (characters.length + 1), 0, ...inserted);
    expect(await normalized(characters.join(""))).toBe(await normalized(text));
  });

  test.prop([fc.string({ unit: "grapheme", maxLength: 12 })], { seed: 20261203, numRuns: 150 })(
    "is idempotent: a normalized value is its own normal form",
    async (text) => {
      const once = await normalized(text);
      expect(await normalized(once)).toBe(once);
    },
  );
});

describe("clean_identifier() and has_lost_digits(): identifiers as Excel leaves them", () => {
  const identifier = async (text: string | null) =>
    (await db.one<{ value: string | null; lost: boolean | null }>(
      "select clean_identifier($text::varchar) as value, has_lost_digits(clean_identifier($text::varchar)) as lost",
      { text },
    ))!;

  it("undoes a trailing .0, thousands separators, full-width digits and stray spaces", async () => {
    expect(await identifier("1005.0")).toEqual({ value: "1005", lost: false });
    expect(await identifier("1,005")).toEqual({ value: "1005", lost: false });
    expect(await identifier("１００５")).toEqual({ value: "1005", lost: false });
    expect(await identifier(" 1005\u3000")).toEqual({ value: "1005", lost: false });
    expect(await identifier("Ｓ０００１")).toEqual({ value: "S0001", lost: false });
    expect(await identifier("ck 0001")).toEqual({ value: "ck0001", lost: false });
  });

  it("leaves other identifiers as they are", async () => {
    expect(await identifier("20260901A01001")).toEqual({ value: "20260901A01001", lost: false });
    expect(await identifier("ATT_LATE:S0007:2026-10-09:AM")).toEqual({
      value: "ATT_LATE:S0007:2026-10-09:AM",
      lost: false,
    });
    expect(await identifier("1.5")).toEqual({ value: "1.5", lost: false });
    expect(await identifier("12,34")).toEqual({ value: "12,34", lost: false });
    expect(await identifier("")).toEqual({ value: null, lost: null });
  });

  it("recognises scientific notation, whose digits are lost", async () => {
    expect(await identifier("2.02610E+17")).toEqual({ value: "2.02610E+17", lost: true });
    expect(await identifier("２．０２６１０Ｅ＋１７")).toEqual({ value: "2.02610E+17", lost: true });
    expect(await identifier("2.0261e+17")).toEqual({ value: "2.0261e+17", lost: true });
    expect(await identifier("1E+15")).toEqual({ value: "1E+15", lost: true });
    expect(await identifier("2E01")).toEqual({ value: "2E01", lost: false });
  });

  const variants = (n: number): string[] => [
    `${n}.0`,
    `${n}.00`,
    n.toLocaleString("en-US"),
    [...String(n)].map((d) => String.fromCodePoint(d.codePointAt(0)! - 0x30 + 0xff10)).join(""),
    ` ${n}\t`,
  ];

  test.prop([fc.integer({ min: 0, max: 999_999_999_999 })], { seed: 20261204, numRuns: 100 })(
    "reads every Excel rendering of a whole number as that number",
    async (n) => {
      const texts = [...variants(n), n.toExponential(5).toUpperCase()];
      const rows = await db.all<{ value: string; lost: boolean }>(
        `select clean_identifier(text) as value, has_lost_digits(clean_identifier(text)) as lost
         from (values ${texts.map((text, i) => `(${i}, ${quoteLiteral(text)})`).join(", ")}) as texts(i, text)
         order by i`,
      );
      expect(rows.slice(0, -1)).toEqual(texts.slice(0, -1).map(() => ({ value: String(n), lost: false })));
      expect(rows.at(-1)).toMatchObject({ lost: true });
    },
  );
});

describe("parse_whole_number(), 承诺时限 and 离岗时长 as the registers write them", () => {
  const whole = async (text: string): Promise<number | null> =>
    (await db.one<{ value: number | null }>("select parse_whole_number($text::varchar) as value", { text }))
      ?.value ?? null;

  it("reads 5, 5.0, ' 5 ', leading zeros and what Excel makes of a number: 1,000 and full-width １０", async () => {
    expect(await whole("5")).toBe(5);
    expect(await whole("1,000")).toBe(1000);
    expect(await whole("１０")).toBe(10);
    expect(await whole("5.00")).toBe(5);
    expect(await whole(" 5 ")).toBe(5);
    expect(await whole("0005")).toBe(5);
    expect(await whole("0")).toBe(0);
  });

  it("reads up to an integer's largest value and nothing past it (fuzz seed 20261203: a run stopped on 99999999999999999999)", async () => {
    expect(await whole("2147483647")).toBe(2147483647);
    expect(await whole("2147483648")).toBeNull();
    expect(await whole("99999999999999999999")).toBeNull();
  });

  it("leaves fractions, signs and words null", async () => {
    for (const text of ["0.5", "-1", "1e3", "NaN", "45分钟", "10,", ""]) expect(await whole(text)).toBeNull();
  });
});
