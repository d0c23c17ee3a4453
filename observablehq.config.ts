// The leaders' dashboards: a static site that must work with no internet access. So: no Google
// fonts (globalStylesheets), no footer link, no search index, Chinese everywhere Framework would
// print English (pager, table of contents), and lang="zh-CN" so Chinese glyphs render as Chinese.
//
// Nightly: pipeline/publish/site.ts (buildSite) builds it against the published warehouse.
// By hand: `npm run dashboards` previews it against output/warehouse.duckdb (after `npm start`);
// `HALL_WAREHOUSE=/path/to/warehouse.duckdb npm run dashboards` previews another warehouse
// (`HALL_COUNT=2` too when it holds several halls: buildSite sets it from the warehouse).
// Several halls (rules.md §15): the sidebar starts with 大厅对比, the page the site opens on, and
// every page has a hall picker; with one hall the site is as it always was.
import { fileURLToPath } from "node:url";

export default {
  root: "dashboards",
  // buildSite (pipeline/publish/site.ts) builds into a temporary folder and moves it into place.
  output: process.env.HALL_SITE_OUT ?? "dist",
  title: "政务服务中心绩效看板",
  // No web fonts; only the Inputs stylesheet that a bare import of @observablehq/inputs does not link.
  globalStylesheets: ["observablehq:stdlib/inputs.css"],
  style: "style.css",
  // Framework writes <html> without lang and titles its sidebar toggle in English.
  head: `<script>
document.documentElement.lang = "zh-CN";
addEventListener("DOMContentLoaded", () =>
  document.getElementById("observablehq-sidebar-toggle")?.setAttribute("title", "显示/隐藏侧栏"));
</script>`,
  header: "",
  footer: "政务服务中心窗口工作人员绩效考核 · 数据每晚更新 · 本页不含投诉人信息",
  pager: false,
  search: false,
  toc: false,
  // Loaders run with the project's own tsx, whatever is on PATH.
  interpreters: { ".ts": [fileURLToPath(new URL("node_modules/.bin/tsx", import.meta.url))] },
  pages: [
    ...(Number(process.env.HALL_COUNT ?? 1) > 1 ? [{ name: "大厅对比", path: "/halls" }] : []),
    { name: "总览", path: "/" },
    { name: "人员", path: "/staff" },
    { name: "窗口单位", path: "/departments" },
    { name: "排队与效率", path: "/queue" },
    { name: "好差评", path: "/evaluations" },
    { name: "疑似异常评价（督查）", path: "/integrity" },
    { name: "考勤", path: "/attendance" },
    { name: "责任追究与投诉", path: "/investigations" },
    { name: "年度", path: "/year" },
    { name: "数据质量", path: "/quality" },
    { name: "规则说明", path: "/rules" },
  ],
};
