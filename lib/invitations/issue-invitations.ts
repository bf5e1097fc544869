import type { Database } from "@/db/client";
import { invitations, type InvitationSettings, type Member, type Organization } from "@/db/schema";
import { recordAuditEvents } from "@/lib/audit/record-audit-events";
import { insertRows } from "@/lib/bulk-insert";
import { enqueueEmails, saveEmailTemplate } from "@/lib/email/outbox";
import { renderInvitationTemplate } from "@/lib/email/templates/render-invitations";
import { addDays, formatLongDate } from "@/lib/format-date";
import { appUrl } from "@/lib/config";
import { createInvitationToken, type TokenGenerator } from "./token";

export type Inviter = { userId: string | null; email: string; displayName: string };

export type IssueContext = {
  organization: Organization;
  settings: InvitationSettings;
  inviter: Inviter;
  now: Date;
  random?: TokenGenerator;
  /** What the audit trail calls this: a first invitation or a resend. */
  auditAction: "user.invited" | "user.invitation_resent";
};

export function joinUrl(token: string): string {
  return `${appUrl()}/join/${token}`;
}

/** A new invitation made now is valid until then. */
export const invitationExpiry = (now: Date, settings: InvitationSettings) => addDays(now, settings.validityDays);

/**
 * Gives each member a new live invitation, queues its email and records it in the audit trail,
 * inside the caller's transaction. The caller has already retired any previous live invitation (the
 * partial unique index insists) and set members.invitationExpiresAt to invitationExpiry(now).
 * The delivery workers send the emails once the transaction commits.
 */
export async function issueInvitations(tx: Database, recipients: Member[], context: IssueContext): Promise<void> {
  if (recipients.length === 0) return;
  const { organization, settings, inviter, now } = context;
  const expiresAt = invitationExpiry(now, settings);
  const tokens = recipients.map(() => createInvitationToken(context.random));

  const created = await insertRows(
    tx,
    invitations,
    recipients.map((member, index) => ({
      organizationId: organization.id,
      memberId: member.id,
      tokenHash: tokens[index]!.tokenHash,
      createdAt: now,
      expiresAt,
    })),
    ["member_id"],
  );
  const invitationIdByMember = new Map(created.map((row) => [row.member_id, row.id]));

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
    variables: { inviteeFirstName: member.firstName, joinUrl: joinUrl(tokens[index]!.token) },
    replyTo: settings.contactEmail,
    organizationId: organization.id,
    memberId: member.id,
    invitationId: invitationIdByMember.get(member.id),
  }));
  await recordAuditEvents(
    tx,
    recipients.map((member) => ({
      organizationId: organization.id,
      actorEmail: inviter.email,
      action: context.auditAction,
      memberId: member.id,
      details: { email: member.email, role: member.role },
      createdAt: now,
    })),
  );
  await enqueueEmails(tx, messages);
}
