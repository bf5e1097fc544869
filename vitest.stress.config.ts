import path from "node:path";
import { defineConfig } from "vitest/config";

/** `npm run test:stress`: the heavy concurrency and fault tests, kept out of `npm test`. */
export default defineConfig({
  resolve: { alias: { "@": path.resolve(__dirname) } },
  test: {
    include: ["lib/**/*.stress.test.ts", "test/**/*.stress.test.ts"],
    environment: "node",
    testTimeout: 240_000,
    hookTimeout: 180_000,
    // One heavy file at a time: they measure concurrency, so they must not compete for the CPU.
    maxWorkers: 1,
    minWorkers: 1,
  },
});
