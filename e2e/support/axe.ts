import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** axe on the page as it stands: no serious or critical violation. */
export async function expectNoSeriousViolations(page: Page) {
  // Email previews are sandboxed documents of their own (no scripts), which axe cannot enter.
  const { violations } = await new AxeBuilder({ page }).exclude("iframe[sandbox]").analyze();
  const serious = violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}
