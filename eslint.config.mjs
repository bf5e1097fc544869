import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    // Schemas may run in the browser, under a CSP that forbids eval: zod comes configured from one place.
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["lib/validation/zod.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { paths: [{ name: "zod", message: "Import { z } from \"@/lib/validation/zod\" (jitless in the browser, see there).", allowTypeImports: true }] },
      ],
    },
  },
  { ignores: [".next/**", ".data/**", "node_modules/**", "db/migrations/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] },
];

export default config;
