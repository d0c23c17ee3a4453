/**
 * `npm run fault-loop -- [--runs 50] [--seed S] [--real-site-every 10] [--no-twin]`: kills nightly
 * runs with SIGKILL at random points and checks each time that the publication is wholly the old
 * or wholly the new one and that the next run completes (test/support/fault-loop.ts). Prints each
 * night and a table of kills per stage.
 */
import { parseArgs } from "node:util";
import { faultLoop, type Night } from "../test/support/fault-loop.ts";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "50" },
    seed: { type: "string" },
    "real-site-every": { type: "string", default: "10" },
    "no-twin": { type: "boolean", default: false },
  },
});
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
const kills = Number(values.runs);
console.log(
  `fault loop: ${kills} kills, seed ${seed}, real site every ${values["real-site-every"]} nights, twin ${!values["no-twin"]}`,
);
const started = performance.now();
try {
  const nights = await faultLoop({
    kills,
    seed,
    realSiteEvery: Number(values["real-site-every"]),
    twin: !values["no-twin"],
    log: (line) => console.log(line),
  });
  report(nights);
  console.log(`passed in ${((performance.now() - started) / 60_000).toFixed(1)} min (seed ${seed})`);
} catch (error) {
  console.error(`FAILED (seed ${seed}): ${(error as Error).message}`);
  process.exitCode = 1;
}

function report(nights: Night[]): void {
  const killed = nights.filter((night) => night.killed);
  const stages = [...new Set(killed.map((night) => night.stage))];
  console.log(
    `\nnights ${nights.length}; killed ${killed.length}; finished before the kill ${nights.length - killed.length}`,
  );
  console.log("stage            kills  old  new  real site");
  for (const stage of stages) {
    const here = killed.filter((night) => night.stage === stage);
    const count = (outcome: Night["outcome"]) => here.filter((night) => night.outcome === outcome).length;
    const real = here.filter((night) => night.site === "real").length;
    console.log(
      `${stage.padEnd(16)} ${String(here.length).padStart(5)} ${String(count("old")).padStart(4)} ${String(count("new")).padStart(4)} ${String(real).padStart(10)}`,
    );
  }
  const byTime = killed.filter((night) => night.point.startsWith("kill after")).length;
  console.log(
    `kills at a named step ${killed.length - byTime}, at a random moment ${byTime}; every next run completed`,
  );
}
