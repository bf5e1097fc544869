import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { emails } from "@/db/schema";
import { createTestDatabase } from "@/test/support/test-database";
import { recordDeliveryEvent, verifyResendWebhook } from "./delivery-events";
import { enqueueEmails } from "./outbox";

const secret = `whsec_${Buffer.from("a test secret of thirty-two bytes!").toString("base64")}`;
let handle: DatabaseHandle;
let emailId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  const ids = await enqueueEmails(handle.db, [{ kind: "invitation", to: "bounce@example.com", subject: "Hi", html: "<p>Hi</p>", text: "Hi" }]);
  emailId = ids[0]!;
  await handle.db.update(emails).set({ status: "sent", providerMessageId: "provider-123" }).where(eq(emails.id, emailId));
});
afterAll(() => handle.close());

function signed(id: string, body: object, at = new Date()) {
  const text = JSON.stringify(body);
  return { text, headers: { id, timestamp: String(Math.floor(at.getTime() / 1000)), signature: new Webhook(secret).sign(id, at, text) } };
}
const bounce = { type: "email.bounced", created_at: "2026-11-23T12:00:00Z", data: { email_id: "provider-123" } };

describe("Resend delivery webhooks", () => {
  it("refuse a bad signature, a missing one and an old delivery (replay)", () => {
    const good = signed("msg_1", bounce);
    expect(verifyResendWebhook(secret, good.text.replace("bounced", "delivered"), good.headers)).toMatchObject({ ok: false, status: 401 });
    expect(verifyResendWebhook(secret, good.text, { ...good.headers, signature: null })).toMatchObject({ ok: false, status: 401 });
    const old = signed("msg_2", bounce, new Date(Date.now() - 10 * 60_000));
    expect(verifyResendWebhook(secret, old.text, old.headers)).toMatchObject({ ok: false, status: 401 });
    expect(verifyResendWebhook(secret, good.text, good.headers)).toMatchObject({ ok: true, id: "msg_1" });
  });

  it("record a bounce on its email once, even when delivered twice", async () => {
    const { text, headers } = signed("msg_3", bounce);
    const verified = verifyResendWebhook(secret, text, headers);
    if (!verified.ok) throw new Error(verified.message);
    expect(await recordDeliveryEvent(handle.db, { id: verified.id, event: verified.event, now: new Date() })).toBe("recorded");
    expect(await recordDeliveryEvent(handle.db, { id: verified.id, event: verified.event, now: new Date() })).toBe("duplicate");
    const [email] = await handle.db.select().from(emails).where(eq(emails.id, emailId));
    expect(email).toMatchObject({ status: "bounced", lastEvent: "bounced" });
  });

  it("do not consume an event for an email not yet recorded as sent, so the provider delivers it again", async () => {
    const early = signed("msg_6", { ...bounce, data: { email_id: "provider-not-yet" } });
    const verified = verifyResendWebhook(secret, early.text, early.headers);
    if (!verified.ok) throw new Error(verified.message);
    expect(await recordDeliveryEvent(handle.db, { id: verified.id, event: verified.event, now: new Date() })).toBe("unknown_email");
    const [later] = await enqueueEmails(handle.db, [{ kind: "invitation", to: "late@example.com", subject: "Hi", html: "<p>Hi</p>", text: "Hi" }]);
    await handle.db.update(emails).set({ status: "sent", providerMessageId: "provider-not-yet" }).where(eq(emails.id, later!));
    expect(await recordDeliveryEvent(handle.db, { id: verified.id, event: verified.event, now: new Date() })).toBe("recorded");
  });

  it("note a complaint beside the status, and refuse a body that is not an email event", async () => {
    const complaint = signed("msg_4", { ...bounce, type: "email.complained" });
    const verified = verifyResendWebhook(secret, complaint.text, complaint.headers);
    if (!verified.ok) throw new Error(verified.message);
    await recordDeliveryEvent(handle.db, { id: verified.id, event: verified.event, now: new Date() });
    const [email] = await handle.db.select().from(emails).where(eq(emails.id, emailId));
    expect(email).toMatchObject({ status: "bounced", lastEvent: "complained" });
    const junk = signed("msg_5", { hello: "world" });
    expect(verifyResendWebhook(secret, junk.text, junk.headers)).toMatchObject({ ok: false, status: 400 });
  });
});
