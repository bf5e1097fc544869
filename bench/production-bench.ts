import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/** What the benchmarks over HTTP share: `--users N` and a production build to start. */

/** `--users N` or `--users=N`; 100,000 by default. */
export function usersArgument(args: string[]): number {
  const index = args.findIndex((arg) => arg === "--users" || arg.startsWith("--users="));
  if (index < 0) return 100_000;
  const value = args[index]!.includes("=") ? args[index]!.split("=")[1] : args[index + 1];
  if (!value || !/^\d+$/.test(value)) throw new Error(`--users needs a whole number, not ${value ?? "nothing"}`);
  return Number(value);
}

/** Runs `npm run build` when there is no production build in .next; exits when it fails. */
export function buildIfMissing(): void {
  if (existsSync(".next/BUILD_ID")) return;
  console.log("No production build yet: running `npm run build` first.");
  if (spawnSync("npm", ["run", "build"], { stdio: "inherit" }).status !== 0) process.exit(1);
}

/** Runs a benchmark's main, and exits with its error (status 1) should it throw. */
export function runBench(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
