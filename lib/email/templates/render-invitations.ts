import { render } from "@react-email/components";
import { InvitationEmail, invitationSubject, invitationText, type InvitationEmailProps } from "./invitation-email";

type SharedProps = Omit<InvitationEmailProps, "inviteeFirstName" | "joinUrl">;
type Recipient = Pick<InvitationEmailProps, "inviteeFirstName" | "joinUrl">;
export type RenderedInvitation = { subject: string; html: string; text: string };

// Stand-ins rendered once, then replaced per recipient: rendering React for each of 10,000
// invitees would take seconds inside the admin's transaction.
const FIRST_NAME = "ROSTERINVITEEFIRSTNAME8d1c";
const JOIN_URL = "ROSTERINVITEEJOINURL8d1c";

/** What React writes for a text or attribute value. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" })[char]!);
}

/** Renders the invitation of each recipient: the template once, then each recipient's name and link. */
export async function renderInvitations(shared: SharedProps, recipients: Recipient[]): Promise<RenderedInvitation[]> {
  const subject = invitationSubject(shared);
  const sharedText = JSON.stringify(shared);
  if (sharedText.includes(FIRST_NAME) || sharedText.includes(JOIN_URL)) {
    // Never fooled by settings that happen to contain a stand-in: render each one in full.
    return Promise.all(
      recipients.map(async (recipient) => {
        const props = { ...shared, ...recipient };
        return { subject, html: await render(InvitationEmail(props)), text: invitationText(props) };
      }),
    );
  }
  const template = await render(InvitationEmail({ ...shared, inviteeFirstName: FIRST_NAME, joinUrl: JOIN_URL }));
  return recipients.map((recipient) => ({
    subject,
    html: template.replaceAll(FIRST_NAME, escapeHtml(recipient.inviteeFirstName)).replaceAll(JOIN_URL, escapeHtml(recipient.joinUrl)),
    text: invitationText({ ...shared, ...recipient }),
  }));
}
