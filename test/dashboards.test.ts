import { spawnSync } from "node:child_process";
import { createReadStream, existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: the pages' plain-JS formatting, to show a figure as the page does
import { minutes, num, pct, share } from "../dashboards/components/format.js";
import { acquireLock } from "../pipeline/lock.ts";
import { outLayout } from "../pipeline/out-layout.ts";
import { buildSite, publishSite, siteBuildLock } from "../pipeline/publish/site.ts";
import { runHall } from "./support/hall.ts";
import { queryDuckDb } from "./support/inbox.ts";
import { normalDays, staff } from "./support/rules.ts";
import { figuresOutOfRange, isRateKey, siteFigures } from "./support/site-figures.ts";
import {
  createSyntheticWarehouse,
  createTwoHallWarehouse,
  secondHall,
} from "./support/synthetic-warehouse.ts";

const artifacts = fileURLToPath(new URL("artifacts/", import.meta.url));
const blockFetch = pathToFileURL(fileURLToPath(new URL("support/block-fetch.mjs", import.meta.url))).href;
const MAX_PAGE_DATA = 2 * 1024 * 1024;

/** Every page, with text a leader must find on it for the synthetic hall (latest month 2026-10). */
const pages: Record<string, string[]> = {
  "/": ["文明服务标兵", "张伟", "文明服务窗口", "市场监管局", "公示"],
  "/staff": ["张伟", "102"],
  "/departments": ["人社局", "AB岗空岗"],
  "/queue": ["等候"],
  "/evaluations": ["好评率", "PJ-20261026-0003"],
  "/integrity": ["疑似集中刷评", "EVF_BURST:B03:2026-10-26:154100", "不加减分"],
  "/attendance": ["杨磊", "旷工"],
  "/investigations": ["通报批评并调离岗位", "TS-2610-002"],
  "/year": ["2026年9月—10月（年初至今，含 1 个公示月份）", "张伟", "月均分", "人社局"],
  "/quality": ["隔离", "窗口无法对应"],
  "/rules": [
    "月度得分 = 基础分 100 分 + 加分 − 扣分",
    "申诉期为月末后 5 个工作日",
    "ATT_LATE",
    "上班打卡晚于应到时间加 10 分钟宽限",
    "R03 在服务窗口值班时擅自离岗",
    "上班打卡宽限10 分钟attendance.grace_minutes",
  ],
};

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

/** A tiny static server for the built site (Framework's clean URLs: /staff → staff.html). */
function serve(root: string): Promise<Server> {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname));
    let file = join(root, path.endsWith("/") ? `${path}index.html` : path);
    if (!extname(file)) file += ".html";
    if (!file.startsWith(root) || !existsSync(file) || !(await stat(file)).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

describe("dashboards", () => {
  let root: string;
  let site: string;
  let server: Server;
  let browser: Browser;
  let buildSeconds = 0;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "dashboards-"));
    const warehouse = join(root, "warehouse.duckdb");
    site = join(root, "site");
    await createSyntheticWarehouse(warehouse);
    process.env.NODE_OPTIONS = `--import ${blockFetch}`;
    const started = performance.now();
    await buildSite({ warehouse, outDir: site, log: () => {} });
    buildSeconds = (performance.now() - started) / 1000;
    server = await serve(site);
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox"],
      headless: true,
    });
    await mkdir(artifacts, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
    delete process.env.NODE_OPTIONS;
    if (root) await rm(root, { recursive: true, force: true });
  });

  it("builds with the network blocked", () => {
    expect(existsSync(join(site, "index.html"))).toBe(true);
    expect(buildSeconds).toBeGreaterThan(0);
  });

  it("hands the pages finished figures: every rate and share in [0, 1], every duration at least 0", async () => {
    const figures = await siteFigures(site);
    const keys = new Set(figures.filter((figure) => isRateKey(figure.key)).map((figure) => figure.key));
    expect([...keys].sort()).toEqual(["flagged_share", "good_rate", "no_show_rate", "within_target_rate"]);
    expect(figuresOutOfRange(figures)).toEqual([]);
  });

  /** Opens a page of a served site; records console errors, requests leaving localhost and data bytes. */
  async function visit(siteServer: Server, path: string, screenshot?: string) {
    const origin = `http://127.0.0.1:${(siteServer.address() as AddressInfo).port}`;
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: "zh-CN" });
    const errors: string[] = [];
    const outside: string[] = [];
    let dataBytes = 0;
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    await page.route("**/*", (route) => {
      const host = new URL(route.request().url()).hostname;
      if (host === "127.0.0.1" || host === "localhost") return route.continue();
      outside.push(route.request().url());
      return route.abort();
    });
    page.on("response", async (response) => {
      // a page left for the next one drops its pending bodies: the header's length counts them then
      if (response.url().includes("/_file/"))
        dataBytes += await response.body().then(
          (body) => body.length,
          () => Number(response.headers()["content-length"] ?? 0),
        );
    });
    try {
      await page.goto(`${origin}${path}`, { waitUntil: "networkidle" });
      // on a busy machine the cells may still be rendering: read the text once it stops changing
      let text = "";
      for (let reads = 0; reads < 30; reads++) {
        await page.waitForTimeout(500);
        const next = (await page.locator("main").textContent()) ?? "";
        if (next === text) break;
        text = next;
      }
      const failedCells = await page.locator(".observablehq--error").count();
      const lang = await page.evaluate(() => document.documentElement.lang);
      const toggle = await page.locator("#observablehq-sidebar-toggle").getAttribute("title");
      const pickers = await page.locator(".hall-picker").count();
      const sidebar = (await page.locator("#observablehq-sidebar").textContent()) ?? "";
      if (screenshot) await page.screenshot({ path: join(artifacts, screenshot), fullPage: true });
      return {
        text,
        errors,
        outside,
        dataBytes,
        failedCells,
        lang,
        toggle,
        pickers,
        sidebar,
        url: page.url(),
      };
    } finally {
      await page.close();
    }
  }

  for (const [path, texts] of Object.entries(pages)) {
    it(`shows ${path} with no error, no outside request and at most 2 MB of data`, async () => {
      const shown = await visit(server, path, `${path === "/" ? "index" : path.slice(1)}.png`);
      for (const expected of texts) expect(shown.text).toContain(expected);
      expect(shown.text).not.toMatch(/\b(undefined|NaN|null)\b/);
      expect(shown.failedCells).toBe(0);
      expect([shown.lang, shown.toggle]).toEqual(["zh-CN", "显示/隐藏侧栏"]);
      // one hall: the site as it always was, with no hall picker and no comparison of halls
      expect([shown.pickers, shown.sidebar.includes("大厅对比")]).toEqual([0, false]);
      expect(shown.errors).toEqual([]);
      expect(shown.outside).toEqual([]);
      expect(shown.dataBytes).toBeGreaterThan(0);
      expect(shown.dataBytes).toBeLessThanOrEqual(MAX_PAGE_DATA);
    });
  }

  it("shows a warehouse with no month yet as Chinese empty states, without errors", async () => {
    const { Db } = await import("../pipeline/db.ts");
    const blank = join(root, "blank.duckdb");
    await createSyntheticWarehouse(blank);
    const db = await Db.open(blank);
    for (const { name } of await db.all<{ name: string }>(
      "select schema_name || '.' || table_name as name from duckdb_tables()",
    ))
      await db.run(`delete from ${name}`);
    db.close();
    await buildSite({ warehouse: blank, outDir: join(root, "blank-site"), log: () => {} });
    const blankServer = await serve(join(root, "blank-site"));
    try {
      for (const path of Object.keys(pages)) {
        const shown = await visit(blankServer, path, `empty-${path === "/" ? "index" : path.slice(1)}.png`);
        expect({ path, errors: shown.errors, failedCells: shown.failedCells }).toEqual({
          path,
          errors: [],
          failedCells: 0,
        });
        expect(shown.text).toMatch(/还没有|无记录|本月无/);
        expect(shown.text).not.toMatch(/\b(undefined|NaN|null)\b/);
      }
    } finally {
      blankServer.close();
    }
  }, 300_000);

  it("prints the score.base, grace minutes and appeal window of the hall's configuration file", async () => {
    const hall = await runHall(
      { roster: [staff(1)], attendance: normalDays([staff(1)], ["2026-10-09"]) },
      {
        asOf: "2026-11-04",
        config: {
          score: { base: 90 },
          attendance: { grace_minutes: 5 },
          appeals: { window_working_days: 3 },
        },
      },
    );
    const configuredSite = join(root, "configured-site");
    await buildSite({ warehouse: outLayout(hall.out).warehouse, outDir: configuredSite, log: () => {} });
    const configuredServer = await serve(configuredSite);
    try {
      const rules = await visit(configuredServer, "/rules", "rules-configured.png");
      for (const expected of [
        "月度得分 = 基础分 90 分 + 加分 − 扣分",
        "申诉期为月末后 3 个工作日",
        "上班打卡晚于应到时间加 5 分钟宽限",
        "上班打卡宽限5 分钟attendance.grace_minutes",
        "基础分90 分score.base",
        "申诉期（月末后）3 个工作日appeals.window_working_days",
      ])
        expect(rules.text).toContain(expected);
      for (const unexpected of [
        "基础分 100 分",
        "上班打卡宽限10 分钟",
        "加 10 分钟宽限",
        "申诉期为月末后 5 个工作日",
      ])
        expect(rules.text).not.toContain(unexpected);
      expect(rules.errors).toEqual([]);
      const overview = await visit(configuredServer, "/");
      expect(overview.text).toContain("基础分 90 分");
      expect(overview.text).toContain("虚线为基础分 90 分");
      expect(overview.errors).toEqual([]);
    } finally {
      configuredServer.close();
      await hall.cleanup();
    }
  }, 300_000);

  describe("two halls whose identifiers collide", () => {
    let hallsServer: Server;
    let hallsOrigin: string;

    beforeAll(async () => {
      const warehouse = join(root, "two-halls.duckdb");
      await createTwoHallWarehouse(warehouse);
      await buildSite({ warehouse, outDir: join(root, "two-halls-site"), log: () => {} });
      hallsServer = await serve(join(root, "two-halls-site"));
      hallsOrigin = `http://127.0.0.1:${(hallsServer.address() as AddressInfo).port}`;
    }, 300_000);

    afterAll(() => hallsServer?.close());

    it("opens on the comparison of the halls, listed first in the sidebar", async () => {
      const shown = await visit(hallsServer, "/", "halls-opening.png");
      expect(new URL(shown.url).pathname).toBe("/halls");
      expect(shown.sidebar.trim()).toMatch(/^政务服务中心绩效看板\s*大厅对比\s*总览/);
      expect(shown.errors).toEqual([]);
    });

    for (const path of Object.keys(pages)) {
      it(`shows ${path} of hall B with a hall picker, only hall B's people and no error`, async () => {
        const address = `${path}?hall=${secondHall.code}`;
        const shown = await visit(
          hallsServer,
          address,
          `halls-B-${path === "/" ? "index" : path.slice(1)}.png`,
        );
        expect(new URL(shown.url).pathname + new URL(shown.url).search).toBe(address);
        expect(shown.pickers).toBe(1);
        expect(shown.failedCells).toBe(0);
        expect(shown.errors).toEqual([]);
        expect(shown.outside).toEqual([]);
        // every name of hall B starts with 乙: a name without it is the main hall's
        expect(shown.text).not.toMatch(/(?<!乙)(张伟|杨磊|周婷)/);
        expect(shown.text).not.toMatch(/\b(undefined|NaN|null)\b/);
      });
    }

    it("shows the main hall's pages without hall B's people", async () => {
      for (const path of ["/", "/staff", "/year"]) {
        const shown = await visit(hallsServer, `${path}?hall=main`);
        expect(shown.pickers).toBe(1);
        expect(shown.text).toContain("张伟");
        expect(shown.text).not.toContain("乙张伟");
      }
    });

    it("reopens a hall's bookmarked address on that hall, and the picker moves to another hall's address", async () => {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: "zh-CN" });
      try {
        await page.goto(`${hallsOrigin}/staff?hall=${secondHall.code}`, { waitUntil: "networkidle" });
        await page.reload({ waitUntil: "networkidle" });
        const picker = page.locator(".hall-picker select");
        await expect
          .poll(() => picker.inputValue().then(() => picker.locator("option:checked").textContent()))
          .toBe(`${secondHall.name}（${secondHall.code}）`);
        await expect.poll(() => page.locator("main").textContent()).toContain("乙张伟");
        // the sidebar keeps the hall from page to page
        expect(
          await page.locator("#observablehq-sidebar a", { hasText: "窗口单位" }).getAttribute("href"),
        ).toMatch(/departments\?hall=B$/);
        await picker.selectOption({ label: "示例县政务服务中心（main）" });
        await expect.poll(() => page.url()).toMatch(/\/staff\?hall=main$/);
        await expect.poll(() => page.locator("main").textContent()).not.toContain("乙张伟");
      } finally {
        await page.close();
      }
    });

    it("compares the halls with each hall's figures and winners exactly as marts.hall_month has them", async () => {
      const rows = await queryDuckDb<Record<string, number | string | null>>(
        join(root, "two-halls.duckdb"),
        `select hall_code, hall_month.hall_name, status, staff_ranked, avg_score::double as avg_score, good_rate, avg_wait_s,
           within_target_rate, empty_post_sessions, verified_complaints_per_10k_served, overdue_cases_per_1k,
           standout_staff_name, standout_staff_id, standout_window
         from marts.hall_month join marts.months using (hall_code, month)
         where month = '2026-10' order by hall_code`,
      );
      // a laptop's width: every column of both tables shows without scrolling sideways
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
      try {
        await page.goto(`${hallsOrigin}/halls`, { waitUntil: "networkidle" });
        const cells = page.locator("main table").first().locator("tbody tr");
        const winnerCells = page.locator("main table").nth(1).locator("tbody tr");
        await expect.poll(() => cells.count()).toBe(2);
        await expect.poll(() => winnerCells.count()).toBe(2);
        const texts = (trs: Element[]) =>
          trs.map((tr) =>
            Array.from(tr.querySelectorAll("td"))
              .slice(1)
              .map((td) => td.textContent?.trim()),
          );
        const metrics = await cells.evaluateAll(texts);
        const winners = await winnerCells.evaluateAll(texts);
        const shown = metrics.map((row) => [
          ...row,
          ...winners.find((winner) => winner[0] === row[0])!.slice(3),
        ]);
        const scrolledSideways = await page
          .locator("main table")
          .evaluateAll(
            (tables) =>
              tables.filter((table) => table.parentElement!.scrollWidth > table.parentElement!.clientWidth)
                .length,
          );
        expect(scrolledSideways).toBe(0);
        const expected = rows
          .map((row) => [
            row.hall_code,
            row.hall_name,
            row.status,
            num(row.staff_ranked),
            num(row.avg_score, 2),
            pct(row.good_rate),
            minutes(row.avg_wait_s),
            share(row.within_target_rate),
            num(row.empty_post_sessions),
            row.verified_complaints_per_10k_served == null
              ? "—"
              : num(row.verified_complaints_per_10k_served, 2),
            row.overdue_cases_per_1k == null ? "—" : num(row.overdue_cases_per_1k, 2),
            `${row.standout_staff_name}（${row.standout_staff_id}）`,
            row.standout_window,
          ])
          .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
        expect(shown.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual(expected);
        expect(expected.map((row) => row[11])).toEqual(["乙张伟（S0001）", "张伟（S0001）"]);
        // sortable: a click on 平均等候 orders the halls by it (listed by code, B first: B waits longer)
        await page.locator("main table thead th", { hasText: "平均等候" }).click();
        const order = await cells.evaluateAll((trs) =>
          trs.map((tr) => tr.querySelectorAll("td")[1]?.textContent),
        );
        expect(order).toEqual(["main", "B"]);
        await page.screenshot({ path: join(artifacts, "halls-comparison.png"), fullPage: true });
      } finally {
        await page.close();
      }
    });
  });

  it("says so in Chinese when a month has nothing to show instead of drawing an empty chart", async () => {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const page = await browser.newPage({ locale: "zh-CN" });
    try {
      await page.goto(`${origin}/evaluations`, { waitUntil: "networkidle" });
      await page.locator("main form select").first().selectOption({ label: "2026年9月" });
      await expect.poll(() => page.locator("main").textContent()).toContain("本月无差评");
    } finally {
      await page.close();
    }
  });

  it("orders the hall's wait histogram by minutes, 60 分钟以上 last, though a department lacks a bucket", async () => {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: "zh-CN" });
    try {
      await page.goto(`${origin}/queue`, { waitUntil: "networkidle" });
      const ticks = page
        .locator("main .card", { hasText: "等候时长（取号至叫号）" })
        .locator('g[aria-label="x-axis tick label"] text');
      await expect.poll(() => ticks.count()).toBeGreaterThan(0);
      expect(await ticks.allTextContents()).toEqual([
        ...Array.from({ length: 12 }, (_, i) => `${i * 5}–${i * 5 + 5} 分钟`),
        "60 分钟以上",
      ]);
    } finally {
      await page.close();
    }
  });

  it("shows every point of one staff member with its evidence, appeal and case", async () => {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: "zh-CN" });
    try {
      await page.goto(`${origin}/staff`, { waitUntil: "networkidle" });
      await page.locator("main form select").nth(1).selectOption({ label: "杨磊（S0006，人社局）" });
      const main = page.locator("main");
      await expect.poll(() => main.textContent()).toContain("ABSENT_HALF:S0006:2026-10-13:AM");
      const text = await main.textContent();
      for (const expected of [
        "90.0",
        "旷工(半天)",
        "attendance/2026-10.csv:",
        "TS-2610-002",
        "INV:R03:S0006:2026-10-13",
        "不具备",
      ])
        expect(text).toContain(expected);
      await page.screenshot({ path: join(artifacts, "staff-S0006.png"), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it("waits for another build of this checkout instead of sharing Framework's cache with it", async () => {
    const release = await acquireLock(siteBuildLock);
    const lines: string[] = [];
    let finished = false;
    const build = buildSite({
      warehouse: join(root, "warehouse.duckdb"),
      outDir: join(root, "turn"),
      log: (line) => lines.push(line),
    }).then(() => {
      finished = true;
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(lines).toEqual(["另一个看板构建正在进行，等待其完成……"]);
      expect(finished).toBe(false);
    } finally {
      await release();
    }
    await build;
    expect(existsSync(join(root, "turn", "index.html"))).toBe(true);
  }, 120_000);

  it("publishes the site into the run's next folder as a publisher", async () => {
    const next = join(root, "next");
    const lines = await publishSite({
      warehouse: join(root, "warehouse.duckdb"),
      out: root,
      next,
      log: () => {},
    });
    expect(lines).toEqual([expect.stringMatching(/^看板 .+\/site（12 个页面，用时 [\d.]+ 秒）$/)]);
    expect(existsSync(join(next, "site", "staff.html"))).toBe(true);
  }, 120_000);

  it("names the failing loader in Chinese when the warehouse lacks a table", async () => {
    const broken = join(root, "broken.duckdb");
    const { Db } = await import("../pipeline/db.ts");
    const db = await Db.open(broken);
    await db.run("create schema marts");
    db.close();
    await expect(
      buildSite({ warehouse: broken, outDir: join(root, "broken-site"), log: () => {} }),
    ).rejects.toThrow(/看板构建失败：数据加载器 dashboards\/data\/[a-z]+\.json\.ts 出错/);
    expect(existsSync(join(root, "broken-site"))).toBe(false);
  }, 120_000);

  it("a loader says in Chinese that the warehouse file is missing", () => {
    const result = spawnSync(
      fileURLToPath(new URL("../node_modules/.bin/tsx", import.meta.url)),
      ["dashboards/data/overview.json.ts"],
      { env: { ...process.env, HALL_WAREHOUSE: join(root, "nope.duckdb") }, encoding: "utf8" },
    );
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("数据加载器 overview.json.ts 失败：找不到数据仓库文件");
    expect(result.stdout).toBe("");
  });
});
