import { isUtf8 } from "node:buffer";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GenerateResult } from "../pipeline/generate/generate.ts";
import { generateInbox, generatePreset } from "../pipeline/generate/generate-preset.ts";
import { presets } from "../pipeline/generate/presets.ts";
import { sources } from "../pipeline/ingest/sources.ts";
import { hashes } from "./support/folder-hashes.ts";

describe("hall generator", () => {
  let scratch: string;
  let sample: GenerateResult;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "generate-"));
    sample = await generatePreset(presets.sample, join(scratch, "sample"));
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it("writes byte-identical files for the same preset (tiny, twice)", async () => {
    await generatePreset(presets.tiny, join(scratch, "tiny-1"));
    await generatePreset(presets.tiny, join(scratch, "tiny-2"));
    const first = await hashes(join(scratch, "tiny-1"));
    expect(Object.keys(first).length).toBeGreaterThan(15);
    expect(Object.keys(first).some((path) => path.endsWith(".xlsx"))).toBe(true);
    expect(await hashes(join(scratch, "tiny-2"))).toEqual(first);
  });

  it("fills every source folder of the inbox in the sample", async () => {
    const folders = (await readdir(join(scratch, "sample"), { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.sort()).toEqual(sources.map((source) => source.folder).sort());
    for (const source of sources) expect(sample.rows[source.folder], source.folder).toBeGreaterThan(0);
  });

  it("writes the queue export in GBK, not UTF-8", async () => {
    const bytes = await readFile(join(scratch, "sample", "queue", "叫号流水_2026-10-09.csv"));
    expect(isUtf8(bytes)).toBe(false);
    const text = iconv.decode(bytes, "gb18030");
    expect(text.startsWith("流水号,取号时间")).toBe(true);
    expect(text).toContain("受理");
  });

  it("matches the committed data/sample (the sample city) and complainant fixture (run npm run generate:sample after changing the generator)", async () => {
    const city = await generateInbox(presets["sample-city"], join(scratch, "sample-city"));
    expect(await hashes(join(scratch, "sample-city"))).toEqual(await hashes("data/sample"));
    const fixture = JSON.parse(await readFile("test/fixtures/sample-complainants.json", "utf8"));
    expect(fixture).toEqual(city.complainants);
    // the sample hall's complainants come first, then the branch's
    expect(fixture.slice(0, sample.complainants.length)).toEqual(sample.complainants);
    expect(fixture.length).toBeGreaterThan(sample.complainants.length);
  });
});
