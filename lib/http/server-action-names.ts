import { readFileSync } from "node:fs";
import path from "node:path";

/** A server action as its source names it: the file and the exported function. */
export type ServerActionName = { file: string; exportedName: string };

type ServerReferenceManifest = { node?: Record<string, { filename?: string; exportedName?: string }> };

/**
 * A server action call reaches the server as a POST to the page's URL carrying only an id (the
 * Next-Action header) that differs between builds. The build's manifest maps ids back to the files
 * and exports they came from; the proxy uses this to tell which limit a call would spend.
 */
export function manifestPath(development: boolean): string {
  // `next dev` writes its output under .next/dev, so that a build can run beside it.
  return path.join(process.cwd(), ".next", ...(development ? ["dev"] : []), "server", "server-reference-manifest.json");
}

export function actionNamesOf(manifest: ServerReferenceManifest): Map<string, ServerActionName> {
  const names = new Map<string, ServerActionName>();
  for (const [id, entry] of Object.entries(manifest.node ?? {})) {
    if (entry.filename && entry.exportedName) names.set(id, { file: entry.filename, exportedName: entry.exportedName });
  }
  return names;
}

let known: Map<string, ServerActionName> | undefined;

/** The action an id names, or null for an id of no action (Next answers those itself). */
export function serverActionName(id: string): ServerActionName | null {
  const development = process.env.NODE_ENV === "development";
  // A build never changes under a running server; `next dev` compiles actions as pages are opened.
  if (known === undefined || (development && !known.has(id))) known = readNames(development);
  return known.get(id) ?? null;
}

function readNames(development: boolean): Map<string, ServerActionName> {
  try {
    return actionNamesOf(JSON.parse(readFileSync(manifestPath(development), "utf8")) as ServerReferenceManifest);
  } catch {
    // No manifest (no action compiled yet in development): no call can be named, so none is gated.
    return new Map();
  }
}
