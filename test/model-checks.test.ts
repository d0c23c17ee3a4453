import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Db } from "../pipeline/db.ts";
import { parseModel } from "../pipeline/transform/models.ts";
import { checkModel, InvariantError } from "../pipeline/transform/run-models.ts";

const model = parseModel(
  "marts",
  "/sql/marts/checked.sql",
  `/*
grain: one row per id
unique: [id]
not_null: [id, status]
accepted_values:
  status: [在岗, 离岗]
  rank: [1, 2]
*/
select 1`,
);

describe("the invariants stated in a model's header", () => {
  let db: Db;
  beforeAll(async () => {
    db = await Db.open(":memory:");
  });
  afterAll(() => db.close());

  const check = async (rows: string) => {
    await db.run(`create or replace table checked as select * from (values ${rows}) as t(id, status, rank)`);
    return checkModel(db, model, "checked");
  };

  it("pass when every row keeps them", async () => {
    await expect(check("(1, '在岗', 1), (2, '离岗', null)")).resolves.toBeUndefined();
  });

  it("fail on a repeated key, naming the model and the key", async () => {
    await expect(check("(1, '在岗', 1), (1, '离岗', 2)")).rejects.toThrow(
      new InvariantError("数据校验失败：marts.checked 按 (id) 不唯一，1 组重复"),
    );
  });

  it("fail on a null in a required column, naming the column and the count", async () => {
    await expect(check("(1, null, 1), (2, null, 2), (3, '在岗', 1)")).rejects.toThrow(
      "数据校验失败：marts.checked.status 有 2 行为空",
    );
  });

  it("fail on a value outside its list, quoting the value", async () => {
    await expect(check("(1, '在岗', 1), (2, '外出', 2)")).rejects.toThrow(
      "数据校验失败：marts.checked.status 出现取值范围外的值 外出",
    );
    await expect(check("(1, '在岗', 3)")).rejects.toThrow(
      "数据校验失败：marts.checked.rank 出现取值范围外的值 3",
    );
  });
});
