/*
grain: one row per setting of the run's configuration, and per item of a dated list (hall hours)
unique: [key, valid_from]
not_null: [position, key, label, type, display, section]
accepted_values:
  type: [number, text, boolean, list, 'null']
*/
-- Every setting of the configuration (pipeline/transform/parameters.ts hands them over generically),
-- with its Chinese label, unit and handbook section from seeds.rule_parameters, and its value as a
-- reader sees it. A seed key ending in `.*` labels every setting under it whose last part is a rule
-- code (points.ATT_LATE → 上班迟到：每次分值, in that rule's section). A setting with no label is a
-- bug: the not_null check stops the run, and test/rule-parameters.test.ts names it first.
with labels as (
  select key as pattern, label, unit, section, rtrim(key, '*') as prefix
  from seeds.rule_parameters
),

labelled as (
  select
    configuration.position,
    configuration.key,
    configuration.value,
    configuration.number,
    configuration.type,
    configuration.valid_from,
    coalesce(exact.label, rule_codes.rule_name || '：' || by_rule.label) as label,
    coalesce(exact.unit, by_rule.unit) as unit,
    coalesce(exact.section, rule_codes.section) as section
  from params.configuration
  left join labels as exact on exact.pattern = configuration.key
  left join labels as by_rule
    on exact.pattern is null
    and by_rule.pattern like '%.*'
    and starts_with(configuration.key, by_rule.prefix)
  left join seeds.rule_codes
    on by_rule.pattern is not null
    and rule_codes.rule_code = substr(configuration.key, length(by_rule.prefix) + 1)
),

shown as (
  select
    *,
    case
      when value is null then '不设'
      when type = 'boolean' then case value when 'true' then '是' else '否' end
      when type = 'number' and unit = '比例' then printf('%g', number * 100) || '%'
      when type = 'number' and unit = '%' then printf('%g', number) || '%'
      when type = 'number' and unit is not null then printf('%g', number) || ' ' || unit
      else value
    end as display,
    -- an item of a dated list applies until the day before the next item of the same setting
    lead(valid_from) over (partition by key order by valid_from) - 1 as valid_to
  from labelled
)

select min(position) over (partition by key) as position, key, label, value, number, type, unit, display, section, valid_from, valid_to from shown
