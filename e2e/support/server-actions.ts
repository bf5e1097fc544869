import { readFileSync } from "node:fs";

export type ServerActionEntry = { id: string; name: string; file: string; pagePath: string };

/** Every server action of the production build, from Next's own manifest: a new one cannot be missed. */
export function serverActionsOfBuild(): ServerActionEntry[] {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName: string; filename: string; workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const page = Object.keys(entry.workers)[0] ?? "app/page";
    // "app/(console)/users/page" → "/users"
    const pagePath = page.replace(/^app/, "").replace(/\/page$/, "").replace(/\/\([^)]+\)/g, "") || "/";
    return { id, name: entry.exportedName, file: entry.filename, pagePath };
  });
}
