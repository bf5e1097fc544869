import { z } from "zod";

/**
 * zod, for schemas that also run in the browser. Its object parser compiles itself with
 * `new Function` after probing whether eval is allowed; the pages' Content-Security-Policy
 * (proxy.ts) forbids eval, so in the browser it parses without compiling and never probes.
 */
if (typeof window !== "undefined") z.config({ jitless: true });

export { z };
