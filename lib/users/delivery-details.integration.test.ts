import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { emails } from "@/db/schema";
import { recordDeliveryEvent, resendEventSchema } from "@/lib/email/delivery-events";
import { resendInvitations } from "@/lib/invitations/resend-invitations";
import { createTestDatabase } from "@/test/support/test-database";
import { inviteOne, inviter, readyOrganization } from "@/test/fixtures/invitations";
import { anotherOrganization } from "@/test/fixtures/memberships";
import { deliveryDetails } from "./delivery-details";

let handle: DatabaseHandle;
let organizationId: string;
const start = new Date("2026-11-23T10:00:00Z");
const later = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

beforeAll(async () => {
  handle = await createTestDatabase();
  organizationId = (await readyOrganization(handle.db, start)).id;
});
afterAll(() => handle.close());

const emailsTo = (address: string) => handle.db.select().from(emails).where(eq(emails.toAddress, address)).orderBy(desc(emails.createdAt));

const event = (id: string, type: string, emailId: string, at: Date, data: Record<string, unknown> = {}) =>
  recordDeliveryEvent(handle.db, {
    id,
    // As the webhook route gives it: parsed by the schema the signature check uses.
    event: resendEventSchema.parse({ type, created_at: at.toISOString(), data: { email_id: emailId, ...data } }),
    now: at,
  });

describe("Delivery details", () => {
  it("tell each invitation email's history, newest first: queued, sent with the provider's id, the provider's events with a bounce's reason, and a failure's last error", async () => {
    const { member } = await inviteOne(handle.db, organizationId, "bouncy@details.test", start);
    const [first] = await emailsTo("bouncy@details.test");
    await handle.db.update(emails).set({ status: "sent", sentAt: later(1), attempts: 1, providerMessageId: "re_first" }).where(eq(emails.id, first!.id));
    expect(await event("evt_delay", "email.delivery_delayed", "re_first", later(2))).toBe("recorded");
    expect(
      await event("evt_bounce", "email.bounced", "re_first", later(3), {
        bounce: { type: "Permanent", subType: "Suppressed", message: "The recipient's address is on the suppression list." },
      }),
    ).toBe("recorded");

    const resent = await resendInvitations(handle.db, { organizationId, inviter, memberIds: [member.id], now: later(5) });
    expect(resent.ok).toBe(true);
    const [second] = await emailsTo("bouncy@details.test");
    expect(second!.id).not.toBe(first!.id);
    await handle.db.update(emails).set({ status: "failed", attempts: 8, lastError: "validation_error (422): The from address is not verified." }).where(eq(emails.id, second!.id));

    const details = await deliveryDetails(handle.db, { organizationId, memberId: member.id });
    expect(details.map((email) => email.id)).toEqual([second!.id, first!.id]);
    expect(details[0]).toMatchObject({
      status: "failed",
      attempts: 8,
      steps: [
        { what: "queued", at: expect.any(Date) },
        { what: "failed", at: null, detail: "validation_error (422): The from address is not verified." },
      ],
    });
    expect(details[1]).toMatchObject({
      status: "bounced",
      attempts: 1,
      providerMessageId: "re_first",
      steps: [
        { what: "queued", at: expect.any(Date), detail: null },
        { what: "sent", at: later(1), detail: "re_first" },
        { what: "delivery_delayed", at: later(2), detail: null },
        { what: "bounced", at: later(3), detail: "Permanent (Suppressed): The recipient's address is on the suppression list." },
      ],
    });
  });

  it("keep one step per event even when the provider delivers the event twice, and a delivery after a delay", async () => {
    const { member } = await inviteOne(handle.db, organizationId, "twice@details.test", start);
    const [email] = await emailsTo("twice@details.test");
    await handle.db.update(emails).set({ status: "sent", sentAt: later(1), attempts: 1, providerMessageId: "re_twice" }).where(eq(emails.id, email!.id));
    expect(await event("evt_delivered", "email.delivered", "re_twice", later(2))).toBe("recorded");
    expect(await event("evt_delivered", "email.delivered", "re_twice", later(2))).toBe("duplicate");
    const [details] = await deliveryDetails(handle.db, { organizationId, memberId: member.id });
    expect(details!.steps.map((step) => step.what)).toEqual(["queued", "sent", "delivered"]);
    expect(details!.status).toBe("delivered");
  });

  it("show another organization nothing of this one's users", async () => {
    const { member } = await inviteOne(handle.db, organizationId, "private@details.test", start);
    const other = await anotherOrganization(handle.db, "Other Org", start);
    expect(await deliveryDetails(handle.db, { organizationId: other.id, memberId: member.id })).toEqual([]);
    expect(await deliveryDetails(handle.db, { organizationId, memberId: member.id })).toHaveLength(1);
  });

  it("keep a bounce's reason short and ignore a reason that is not text", async () => {
    const { member } = await inviteOne(handle.db, organizationId, "long@details.test", start);
    const [email] = await emailsTo("long@details.test");
    await handle.db.update(emails).set({ status: "sent", sentAt: later(1), providerMessageId: "re_long" }).where(eq(emails.id, email!.id));
    await event("evt_long", "email.bounced", "re_long", later(2), { bounce: { message: "x".repeat(5_000) } });
    const [long] = await deliveryDetails(handle.db, { organizationId, memberId: member.id });
    expect(long!.steps.at(-1)!.detail).toHaveLength(500);

    const { member: odd } = await inviteOne(handle.db, organizationId, "odd@details.test", start);
    const [oddEmail] = await emailsTo("odd@details.test");
    await handle.db.update(emails).set({ status: "sent", sentAt: later(1), providerMessageId: "re_odd" }).where(eq(emails.id, oddEmail!.id));
    expect(await event("evt_odd", "email.bounced", "re_odd", later(2), { bounce: { message: 42 } })).toBe("recorded");
    const [oddDetails] = await deliveryDetails(handle.db, { organizationId, memberId: odd.id });
    expect(oddDetails!.steps.at(-1)).toMatchObject({ what: "bounced", detail: null });
  });
});
