import { render } from "@react-email/components";
import type { Database } from "@/db/client";
import { appUrl } from "@/lib/config";
import { wakeDeliveryWorkers } from "@/lib/email/delivery-loop";
import { enqueueEmails } from "@/lib/email/outbox";
import { SignInEmail, signInSubject, signInText } from "@/lib/email/templates/sign-in-email";
import { listMemberships } from "./memberships";
import { signInConfirmUrl } from "./sign-in-link";

/**
 * Sends a sign-in link through the mail module, to people who belong to an organization (admins and
 * members). Anybody else gets no email and no error, so the sign-in page answers the same way whoever asks.
 */
export async function sendSignInLink(db: Database, input: { email: string; url: string }): Promise<void> {
  const [membership] = await listMemberships(db, input.email);
  if (!membership) return;

  // Auth.js builds its callback URL from AUTH_URL, which auth.ts sets to APP_URL. The email carries
  // our confirm page instead, with the same query: opening it spends nothing (lib/auth/sign-in-link.ts).
  const props = { signInUrl: signInConfirmUrl(input.url), host: new URL(appUrl()).host };

  await enqueueEmails(db, [
    {
      kind: "sign_in",
      to: input.email,
      subject: signInSubject,
      html: await render(SignInEmail(props)),
      text: signInText(props),
      organizationId: membership.organizationId,
    },
  ]);
  wakeDeliveryWorkers();
}
