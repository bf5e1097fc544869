import { describe, expect, it } from "vitest";
import { openSealedText, sealText } from "./sealed-text";

const authSecret = "unit-test-auth-secret";
const reminders = { purpose: "roster/invitation-reminder-token/v1", authSecret };
const webhooks = { purpose: "roster/webhook-signing-secret/v1", authSecret };

describe("sealed text", () => {
  it("opens with the same purpose, row and AUTH_SECRET, and holds nothing in clear", () => {
    const sealed = sealText("the-token", "row-1", reminders);
    expect(sealed).not.toContain("the-token");
    expect(sealed).not.toBe(sealText("the-token", "row-1", reminders)); // a fresh IV each time
    expect(openSealedText(sealed, "row-1", reminders)).toBe("the-token");
  });

  it("does not open under another purpose, for another row or with another AUTH_SECRET", () => {
    const sealed = sealText("the-token", "row-1", reminders);
    expect(() => openSealedText(sealed, "row-1", webhooks)).toThrow();
    expect(() => openSealedText(sealed, "row-2", reminders)).toThrow();
    expect(() => openSealedText(sealed, "row-1", { ...reminders, authSecret: "another" })).toThrow();
    expect(() => openSealedText(`${sealed}.extra`, "row-1", reminders)).toThrow();
  });
});
