import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Rules are about local hall time; pin it so tests never depend on the machine.
    env: { TZ: "Asia/Shanghai" },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
