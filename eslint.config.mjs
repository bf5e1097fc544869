import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// Schemas may run in the browser, under a CSP that forbids eval: zod comes configured from one place.
const zodFromOnePlace = {
  name: "zod",
  message: "Import { z } from \"@/lib/validation/zod\" (jitless in the browser, see there).",
  allowTypeImports: true,
};
// The product (app/, components/, lib/, db/) ships without test code: tests, benches and seeds import
// it, never the other way round. Tests beside the code (*.test.ts) are the exception.
const noTestCode = [
  {
    group: ["vitest", "vitest/**", "fast-check", "@playwright/test", "@axe-core/playwright"],
    message: "Test tooling is for tests: move this code to test/ (see test/README.md) or a *.test.ts file.",
  },
  {
    group: ["@/e2e/**", "@/test/**", "**/e2e/**", "**/test/**"],
    message: "Product code must not import e2e/ or test/: move the shared part into the product, or this file into test/.",
  },
];
const productFiles = ["app", "components", "lib", "db"].flatMap((folder) => [`${folder}/**/*.ts`, `${folder}/**/*.tsx`]);
// A later config object replaces the rule's options for the files it matches: each object below
// carries every restriction its files need.
const restrictImports = (options) => ({ "@typescript-eslint/no-restricted-imports": ["error", options] });

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  { files: ["**/*.ts", "**/*.tsx"], ignores: ["lib/validation/zod.ts"], rules: restrictImports({ paths: [zodFromOnePlace] }) },
  {
    files: productFiles,
    ignores: ["**/*.test.ts", "**/*.test.tsx", "lib/validation/zod.ts"],
    rules: restrictImports({ paths: [zodFromOnePlace], patterns: noTestCode }),
  },
  { files: ["lib/validation/zod.ts"], rules: restrictImports({ patterns: noTestCode }) },
  { ignores: [".next/**", ".data/**", "node_modules/**", "db/migrations/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] },
];

export default config;
