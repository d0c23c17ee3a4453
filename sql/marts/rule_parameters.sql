/*
grain: one row per month, setting of the configuration and, for hall hours that change within the month, the day from which the value applies
comment: 各月适用的规则参数：每个配置项的中文名称、取值、单位与《规则说明》章节（确认冻结的月份保留当时的取值）
unique: [month, key, valid_from]
not_null: [month, position, key, label, type, display, section, valid_from, valid_to]
range:
  position: [0, null]
columns:
  month: 考核月份（YYYY-MM）
  position: 配置项在配置中的顺序（列表按此排序）
  key: 配置项（配置文件中的写法，如 attendance.grace_minutes；分值为 points.规则代码）
  label: 中文名称
  value: 配置的取值（文本；列表以“、”分隔；不设时为空）
  number: 数值型配置项的取值（供计算使用）
  type: 取值类型：number/text/boolean/list/null
  unit: 单位（比例以小数配置、以百分数显示）
  display: 带单位的显示文本（如“10 分钟”“18%”“不设”）
  section: 《规则说明》章节（如 §2）
  valid_from: 本月内自哪天起适用（作息时间月中调整时一月多行）
  valid_to: 本月内适用到哪天
  applies: 月中调整时的适用日期（如“10月15日至10月31日”）；全月适用时为空
*/
-- The rules in force, published once: every setting of the run's configuration for every month
-- this run computes. Frozen months keep the values they were computed with (the warehouse adds
-- them from history), so a month's figures and the parameters behind them always agree. A dated
-- setting (hall hours) appears with each value that applies on some day of the month.
with in_force as (
  select
    int_months.month,
    int_months.month_start,
    int_months.month_end,
    parameters.*,
    greatest(coalesce(parameters.valid_from, int_months.month_start), int_months.month_start) as from_day,
    least(coalesce(parameters.valid_to, int_months.month_end), int_months.month_end) as to_day
  from intermediate.int_months
  inner join intermediate.int_rule_parameters as parameters
    on coalesce(parameters.valid_from, int_months.month_start) <= int_months.month_end
    and coalesce(parameters.valid_to, int_months.month_end) >= int_months.month_start
  where int_months.is_open
)

select
  month,
  position,
  key,
  label,
  value,
  number,
  type,
  unit,
  display,
  section,
  from_day as valid_from,
  to_day as valid_to,
  case
    when from_day > month_start or to_day < month_end
      then strftime(from_day, '%-m月%-d日') || '至' || strftime(to_day, '%-m月%-d日')
  end as applies
from in_force
