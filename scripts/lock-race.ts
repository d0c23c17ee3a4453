/**
 * `npm run lock-race -- [--rounds 300] [--starters 8] [--seed S]`: many processes start together
 * over a stale lock (or none), round after round; each round exactly one may get it
 * (test/support/lock-race.ts). Prints each round and a table per form of stale lock.
 */
import { parseArgs } from "node:util";
import { lockRace, staleForms } from "../test/support/lock-race.ts";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "300" },
    starters: { type: "string", default: "8" },
    seed: { type: "string" },
  },
});
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
console.log(`lock race: ${values.rounds} rounds, ${values.starters} starters each, seed ${seed}`);
const rounds = await lockRace({
  rounds: Number(values.rounds),
  starters: Number(values.starters),
  seed,
  log: (line) => console.log(line),
});
console.log("\nstale lock form             rounds  one winner  other");
for (const form of staleForms) {
  const here = rounds.filter((round) => round.form === form);
  const good = here.filter((round) => round.winners === 1 && round.errors.length === 0).length;
  console.log(
    `${form.padEnd(27)} ${String(here.length).padStart(6)} ${String(good).padStart(11)} ${String(here.length - good).padStart(6)}`,
  );
}
const bad = rounds.filter((round) => round.winners !== 1 || round.errors.length > 0);
for (const round of bad)
  console.log(`round ${round.round} (${round.form}): ${round.winners} winners`, round.errors);
console.log(bad.length === 0 ? `passed (seed ${seed})` : `FAILED: ${bad.length} rounds (seed ${seed})`);
process.exitCode = bad.length === 0 ? 0 : 1;
