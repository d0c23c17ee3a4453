/*
grain: one row per rule code of the rule handbook (加扣分规则)
comment: 加扣分规则代码表：代码、中文名称、《规则说明》章节、类别、本次运行使用的分值、何时计分与自动触发的责任追究条款
unique: [rule_code]
not_null: [rule_code, position, rule_name, section, category, points, raised_when]
range:
  position: [0, null]
columns:
  month: 发布月份（基准日期所在的月份）：本表是截至基准日期的结果，不按月份划分；供按月份分区的导出使用
  rule_code: 规则代码（如 ATT_LATE）
  position: 规则的顺序（与配置、《规则说明》一致；列表按此排序）
  rule_name: 规则中文名称
  short_name: 简称
  section: 《规则说明》章节
  category: 类别：考勤/离岗/巡查/办件/投诉/表扬
  points: 每次分值（配置项 points.规则代码；正为加分，负为扣分；提前办结为每满一档的分值）
  raised_when: 何时计分（其中的数字为本次运行的配置）
  trigger: 自动触发的责任追究条款（R01…R13），无则为空
  trigger_name: 责任追究条款的内容
*/
-- What raises each code is written once in seeds.rule_descriptions, with the configuration's
-- numbers as {key} placeholders filled in from the settings in force (int_rule_parameters), so
-- the text never contradicts a hall's configuration. A placeholder that names no setting leaves
-- raised_when empty, which the not_null check reports.
with settings as (
  select map(list(key), list(display)) as display_by_key
  from intermediate.int_rule_parameters
  where valid_from is null
),

description_parts as (
  select
    rule_descriptions.rule_code,
    list_transform(
      string_split(rule_descriptions.raised_when, '{'),
      (part, position) -> case
        when position = 1 then part
        else map_extract(settings.display_by_key, split_part(part, '}', 1))[1] || substr(part, strpos(part, '}') + 1)
      end
    ) as parts
  from seeds.rule_descriptions
  cross join settings
),

descriptions as (
  select rule_code, case when len(list_filter(parts, part -> part is null)) > 0 then null else array_to_string(parts, '') end as raised_when
  from description_parts
)

select
  rule_codes.rule_code,
  point_settings.position,
  rule_codes.rule_name,
  rule_codes.short_name,
  rule_codes.section,
  rule_codes.category,
  rule_points.points,
  descriptions.raised_when,
  event_triggers.trigger,
  triggers.trigger_name,
  strftime(getvariable('as_of'), '%Y-%m') as month
from seeds.rule_codes
inner join params.rule_points using (rule_code)
left join intermediate.int_rule_parameters as point_settings on point_settings.key = 'points.' || rule_codes.rule_code
left join descriptions using (rule_code)
left join seeds.event_triggers using (rule_code)
left join seeds.triggers using (trigger)
