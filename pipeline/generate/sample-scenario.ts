import type { Scenario } from "./plan.ts";
import { emptyPlan } from "./plan.ts";

export const sampleScenario: Scenario = { replacements: [], build: () => emptyPlan() };
