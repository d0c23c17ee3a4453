/**
 * A preset with months of history (`--months N`): the preset's own period, preceded by whole
 * calendar months so that N calendar months are covered, ending with the month the preset ends in.
 * The months before are generated exactly as the preset's own: the same halls, staff, rates and
 * seed, and every staff member's day draws from its own named stream. N equal to the months the
 * preset spans (1 for the scale presets) is the preset itself, byte for byte.
 */
import { officialCalendarCovers } from "./calendar.ts";
import { type AnyPreset, isManyHall } from "./presets.ts";

const monthIndex = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1;

/** How many calendar months `firstDay` through `lastDay` touch. */
export const monthsSpanned = (firstDay: string, lastDay: string): number =>
  monthIndex(lastDay) - monthIndex(firstDay) + 1;

/** The first day of the month `back` calendar months before `day`'s month. */
function monthStartBefore(day: string, back: number): string {
  const index = monthIndex(day) - back;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}-01`;
}

/** The preset over `months` calendar months; throws, naming the value at fault, where it cannot be. */
export function withMonths<P extends AnyPreset>(preset: P, months: number): P {
  if (!Number.isInteger(months) || months < 1) throw new Error(`月数 ${months} 无效：应为正整数`);
  const own = monthsSpanned(preset.firstDay, preset.lastDay);
  if (months < own)
    throw new Error(
      `预设 ${preset.name} 本身已覆盖 ${own} 个月（${preset.firstDay} 至 ${preset.lastDay}），--months 不能少于 ${own}`,
    );
  if (months === own) return preset;
  if (preset.planted)
    throw new Error(`预设 ${preset.name} 埋设的异常按日期安排，不能加历史月份（--months 只能为 ${own}）`);
  const firstDay = monthStartBefore(preset.lastDay, months - 1);
  if (!officialCalendarCovers(firstDay))
    throw new Error(
      `${months} 个月的历史从 ${firstDay} 开始，chinese-days 没有该年的官方节假日安排；请减少 --months`,
    );
  if (isManyHall(preset))
    return {
      ...preset,
      firstDay,
      halls: preset.halls.map((entry) => ({ ...entry, hall: { ...entry.hall, firstDay } })),
    };
  return { ...preset, firstDay };
}
