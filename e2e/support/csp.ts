import { test as base, expect, type Page } from "@playwright/test";

/** What the browser reports when the Content-Security-Policy refuses something, in any frame. */
const VIOLATION = /Content Security Policy|Refused to|CSP violation/i;

/**
 * Collects every CSP violation a page reports: Chromium's console messages (every frame, every
 * navigation) and `securitypolicyviolation` events, re-reported to the console by an init script.
 */
export async function watchCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  page.on("console", (message) => {
    if (VIOLATION.test(message.text())) violations.push(message.text());
  });
  return violations;
}

/** `page` that fails the test if the policy refused anything the app needed. */
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ page }, use) => {
      const violations = await watchCspViolations(page);
      await use(violations);
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** The directives of a Content-Security-Policy header, by name. */
export function parsePolicy(header: string | undefined): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of (header ?? "").split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values);
  }
  return directives;
}
