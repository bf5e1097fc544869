import { render } from "@react-email/components";
import { appUrl } from "@/lib/config";
import { newPlaceholders, type BodyTemplate } from "@/lib/email/email-template";
import { addDays, formatLongDate } from "@/lib/format-date";
import { DEFAULT_VALIDITY_DAYS, MAX_VALIDITY_DAYS } from "@/lib/validation/invitation-settings-limits";
import type { InvitationPreviewInput } from "@/lib/validation/invitation-settings";
import { InvitationEmail, invitationSubject, invitationText, type InvitationEmailProps } from "./invitation-email";

export type SharedInvitationProps = Omit<InvitationEmailProps, "inviteeFirstName" | "joinUrl">;
export type InvitationVariables = Pick<InvitationEmailProps, "inviteeFirstName" | "joinUrl">;
export type InvitationTemplate = BodyTemplate & { subject: string };

const VARIABLES = ["inviteeFirstName", "joinUrl"] as const satisfies readonly (keyof InvitationVariables)[];

/**
 * Renders the invitation of one submission once, with placeholders for each recipient's first name
 * and link: rendering React for each of 10,000 invitees would take seconds inside the admin's
 * transaction, and storing 10,000 copies of the page longer still. `fillTemplate` gives each
 * recipient exactly what a render of their own would.
 */
export async function renderInvitationTemplate(shared: SharedInvitationProps): Promise<InvitationTemplate> {
  const placeholders = newPlaceholders(VARIABLES);
  const props = { ...shared, inviteeFirstName: placeholders.inviteeFirstName, joinUrl: placeholders.joinUrl };
  return { subject: invitationSubject(shared), html: await render(InvitationEmail(props)), text: invitationText(props), placeholders };
}

const REMINDER_VARIABLES = ["inviteeFirstName", "joinUrl", "expiresOn"] as const satisfies readonly (keyof InvitationEmailProps)[];

/**
 * The reminder of one organization's invitations, rendered once as invitations are: each recipient's
 * first name, link and expiry date filled in per email. The inviter is not named (the organization is).
 */
export async function renderReminderTemplate(shared: Pick<InvitationEmailProps, "organizationName" | "customMessage" | "contactEmail">): Promise<InvitationTemplate> {
  const placeholders = newPlaceholders(REMINDER_VARIABLES);
  const props: InvitationEmailProps = { ...shared, inviterName: null, reminder: true, ...placeholders };
  return { subject: invitationSubject(props), html: await render(InvitationEmail(props)), text: invitationText(props), placeholders };
}

export type InvitationPreviewEmail = { subject: string; html: string };

/**
 * The setup page's preview: the invitation as it would be sent now, to a made-up invitee, from the
 * values the admin is typing (blanks and unusable day counts shown as the email would show them).
 * Rendered here, on the server, so the browser never downloads the email renderer.
 */
export async function renderInvitationPreview(values: InvitationPreviewInput, context: { inviterName: string; now: Date }): Promise<InvitationPreviewEmail> {
  const typedDays = Number.parseInt(values.validityDays, 10);
  const days = Number.isFinite(typedDays) ? Math.min(MAX_VALIDITY_DAYS, Math.max(1, typedDays)) : DEFAULT_VALIDITY_DAYS;
  const props: InvitationEmailProps = {
    organizationName: values.organizationName || "Your organization",
    inviterName: context.inviterName,
    inviteeFirstName: "Alex",
    customMessage: values.customMessage || null,
    joinUrl: `${appUrl()}/join/…`,
    expiresOn: formatLongDate(addDays(context.now, days)),
    contactEmail: values.contactEmail || null,
  };
  return { subject: invitationSubject(props), html: await render(InvitationEmail(props)) };
}
