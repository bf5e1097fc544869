import { desc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { emails, invitations, members } from "@/db/schema";
import { withBodies } from "@/lib/email/outbox";
import { ensureDefaultOrganization, saveInvitationSettings } from "@/lib/organizations/invitation-setup";
import type { InviteRow } from "@/lib/validation/invite-users";
import { inviteUsers } from "./invite-users";
import type { Inviter } from "./issue-invitations";

export const inviter: Inviter = { userId: null, email: "admin@example.com", displayName: "Grace Hopper" };

export const person = (email: string, role: InviteRow["role"] = "member"): InviteRow => ({
  firstName: "Ada",
  lastName: "Lovelace",
  email,
  role,
});

/** An organization whose invitation setup is saved, ready to invite. */
export async function readyOrganization(db: Database, now: Date) {
  const organization = await ensureDefaultOrganization(db);
  await saveInvitationSettings(db, {
    organizationId: organization.id,
    actorEmail: inviter.email,
    settings: { organizationName: "Acme", contactEmail: "help@acme.test", customMessage: "Welcome <b>aboard</b>", validityDays: 30 },
    now,
  });
  return organization;
}

/** Tokens only ever exist in emails: tests read them back from the newest captured email. */
export async function tokenEmailedTo(db: Database, email: string): Promise<string> {
  const [newest] = await withBodies(
    db,
    await db.select().from(emails).where(eq(emails.toAddress, email)).orderBy(desc(emails.createdAt)).limit(1),
  );
  const match = newest?.text.match(/\/join\/([A-Za-z0-9_-]{43})/);
  if (!match) throw new Error(`No invitation link emailed to ${email}`);
  return match[1]!;
}

export async function inviteOne(db: Database, organizationId: string, email: string, now: Date) {
  const result = await inviteUsers(db, { organizationId, inviter, rows: [person(email)], now });
  if (!result.ok) throw new Error(result.message);
  const [member] = await db.select().from(members).where(eq(members.id, result.data.memberIds[0]!));
  return { member: member!, token: await tokenEmailedTo(db, email) };
}

export async function invitationsOf(db: Database, memberId: string) {
  return db.select().from(invitations).where(eq(invitations.memberId, memberId));
}
