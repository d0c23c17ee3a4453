-- 每个文件的每个数据行恰好计入一类：采用、被替换、隔离或内容重复（行数 = 四者之和）
select
  path || '：' || rows || ' 行 ≠ 采用 ' || used || ' + 被替换 ' || superseded || ' + 隔离 ' || quarantined
    || ' + 内容重复 ' || duplicate as problem
from ops.loads
where rows <> used + superseded + quarantined + duplicate
