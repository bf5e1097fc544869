import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(__dirname) } },
  esbuild: { jsx: "automatic" },
  test: {
    include: ["lib/**/*.test.ts", "lib/**/*.test.tsx", "db/**/*.test.ts", "test/**/*.test.ts"],
    // The heavy concurrency and fault tests run with `npm run test:stress` (vitest.stress.config.ts).
    exclude: [...configDefaults.exclude, "**/*.stress.test.ts"],
    environment: "node",
    // next-auth imports "next/server" without an extension, which only a bundler resolves.
    server: { deps: { inline: ["next-auth"] } },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file gets its own database; two at a time suits a two-core machine.
    maxWorkers: 2,
  },
});
