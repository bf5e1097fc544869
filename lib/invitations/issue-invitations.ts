import type { Database } from "@/db/client";
import { invitations, sends, type InvitationSettings, type Member, type Organization } from "@/db/schema";
import { recordAuditEvents } from "@/lib/audit/record-audit-events";
import { insertRows } from "@/lib/bulk-insert";
import { enqueueEmails, saveEmailTemplate } from "@/lib/email/outbox";
import { renderInvitationTemplate } from "@/lib/email/templates/render-invitations";
import { addDays, formatLongDate } from "@/lib/format-date";
import { randomUUID } from "node:crypto";
import { appUrl, authSecret } from "@/lib/config";
import { emitUserEvents } from "@/lib/webhooks/emit-user-events";
import { reminderTokenSealer } from "./reminders";
import { createInvitationToken, type TokenGenerator } from "./token";

/** Who sends an invitation: an admin (their account, address and name), or an API key of the organization (no person to name). */
export type Inviter = { userId: string | null; email: string | null; displayName: string | null; apiKeyId?: string | null };

export type IssueContext = {
  organization: Organization;
  settings: InvitationSettings;
  inviter: Inviter;
  now: Date;
  random?: TokenGenerator;
  /**
   * What the audit trail calls this: a first invitation, a resend, or a link made for the admin to
   * copy and pass on another way (Copy invitation link: no email, no webhook event).
   */
  auditAction: "user.invited" | "user.invitation_resent" | "user.invitation_link_copied";
};

export function joinUrl(token: string): string {
  return `${appUrl()}/join/${token}`;
}

/** A new invitation made now is valid until then. */
export const invitationExpiry = (now: Date, settings: InvitationSettings) => addDays(now, settings.validityDays);

/**
 * Gives each member a new live invitation, records it in the audit trail, and (unless the link is
 * for the admin to copy) queues its email and announces it to webhooks (user.invited or
 * invitation.resent), inside the caller's transaction. The caller has already retired any previous
 * live invitation (the partial unique index insists) and set members.invitationExpiresAt to
 * invitationExpiry(now). The emails make one *send* (its page follows what came of them). The delivery
 * workers send them once the transaction commits. Returns each member's join link (only its hash is
 * stored) and the send's id (null for copied links: nothing is emailed).
 */
export async function issueInvitations(
  tx: Database,
  recipients: Member[],
  context: IssueContext,
): Promise<{ links: { memberId: string; joinUrl: string }[]; sendId: string | null }> {
  if (recipients.length === 0) return { links: [], sendId: null };
  const { organization, settings, inviter, now } = context;
  const emailed = context.auditAction !== "user.invitation_link_copied";
  const sendId = emailed ? randomUUID() : null;
  const expiresAt = invitationExpiry(now, settings);
  const tokens = recipients.map(() => createInvitationToken(context.random));
  const ids = recipients.map(() => randomUUID());
  // An emailed link is kept sealed for its reminder (reminders.ts); a copied one is never emailed.
  const keepForReminder = settings.reminderDaysBefore !== null && emailed;
  const sealed = keepForReminder ? reminderTokenSealer(authSecret()) : null;

  await insertRows(
    tx,
    invitations,
    recipients.map((member, index) => ({
      id: ids[index]!,
      organizationId: organization.id,
      memberId: member.id,
      tokenHash: tokens[index]!.tokenHash,
      createdAt: now,
      expiresAt,
      reminderTokenSealed: sealed?.seal(tokens[index]!.token, ids[index]!),
    })),
  );

  await recordAuditEvents(
    tx,
    recipients.map((member) => ({
      organizationId: organization.id,
      actorEmail: inviter.email,
      actorApiKeyId: inviter.apiKeyId ?? null,
      action: context.auditAction,
      memberId: member.id,
      details: { email: member.email, role: member.role, ...(sendId ? { sendId } : {}) },
      createdAt: now,
    })),
  );
  const links = recipients.map((member, index) => ({ memberId: member.id, joinUrl: joinUrl(tokens[index]!.token) }));
  if (!sendId) return { links, sendId };

  await tx.insert(sends).values({
    id: sendId,
    organizationId: organization.id,
    kind: context.auditAction === "user.invited" ? "invitation" : "resend",
    actorUserId: inviter.userId,
    actorEmail: inviter.email,
    actorApiKeyId: inviter.apiKeyId ?? null,
    recipients: recipients.length,
    createdAt: now,
  });

  const template = await renderInvitationTemplate({
    organizationName: organization.name,
    inviterName: inviter.displayName,
    customMessage: settings.customMessage,
    expiresOn: formatLongDate(expiresAt),
    contactEmail: settings.contactEmail,
  });
  const templateId = await saveEmailTemplate(tx, template);
  const messages = recipients.map((member, index) => ({
    kind: "invitation" as const,
    to: member.email,
    subject: template.subject,
    templateId,
    variables: { inviteeFirstName: member.firstName, joinUrl: links[index]!.joinUrl },
    replyTo: settings.contactEmail,
    organizationId: organization.id,
    memberId: member.id,
    invitationId: ids[index],
    sendId,
  }));
  await enqueueEmails(tx, messages);
  await emitUserEvents(tx, {
    organizationId: organization.id,
    type: context.auditAction === "user.invited" ? "user.invited" : "invitation.resent",
    memberIds: recipients.map((member) => member.id),
    now,
  });
  return { links, sendId };
}
