import { render } from "@react-email/components";
import { newPlaceholders, type BodyTemplate } from "@/lib/email/email-template";
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
