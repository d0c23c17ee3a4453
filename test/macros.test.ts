import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Db } from "../pipeline/db.ts";
import { loadMacros } from "../pipeline/transform/models.ts";
import { createMacros } from "../pipeline/transform/run-models.ts";

describe("clean(), the text cleaning every staging model applies", () => {
  let db: Db;
  beforeAll(async () => {
    db = await Db.open(":memory:");
    await createMacros(db, await loadMacros());
  });
  afterAll(() => db.close());

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
