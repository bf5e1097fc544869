import { gzipSync } from "node:zlib";
import type { Page, Response } from "@playwright/test";

/** Every script a page loads on its first visit, each with its size once gzipped. */
export type FirstLoadJs = { gzipBytes: number; scripts: { url: string; gzipBytes: number }[] };

/**
 * Opens `path` in a fresh page and sums the gzipped size of every script the browser fetched until
 * the network went quiet: what a visitor downloads before the page works. Sizes are measured on the
 * bodies (gzip, default level, as `next start` compresses), so they do not depend on caching.
 */
export async function measureFirstLoadJs(page: Page, path: string): Promise<FirstLoadJs> {
  const pending: Promise<{ url: string; gzipBytes: number }>[] = [];
  const onResponse = (response: Response) => {
    if (response.request().resourceType() !== "script") return;
    pending.push(response.body().then((body) => ({ url: response.url(), gzipBytes: gzipSync(body).length })));
  };
  page.on("response", onResponse);
  await page.goto(path, { waitUntil: "networkidle" });
  // What the page fetches later (a link prefetched on hover, say) is not its first load.
  page.off("response", onResponse);
  const scripts = await Promise.all(pending);
  return { gzipBytes: scripts.reduce((sum, script) => sum + script.gzipBytes, 0), scripts };
}

export const kilobytes = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
