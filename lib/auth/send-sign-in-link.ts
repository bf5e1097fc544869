import { render } from "@react-email/components";
import type { Database } from "@/db/client";
import { appUrl } from "@/lib/config";
import { wakeDeliveryWorkers } from "@/lib/email/delivery-loop";
import { enqueueEmails } from "@/lib/email/outbox";
import { SignInEmail, signInSubject, signInText } from "@/lib/email/templates/sign-in-email";
import { findAdminMembership } from "./admin-membership";

/**
 * Sends a sign-in link through the mail module, to admins only. Anybody else gets no email and no
 * error, so the sign-in page answers the same way whoever asks.
 */
export async function sendSignInLink(db: Database, input: { email: string; url: string }): Promise<void> {
  const membership = await findAdminMembership(db, input.email);
  if (!membership) return;

  // Auth.js builds the link from AUTH_URL, which auth.ts sets to APP_URL.
  const props = { signInUrl: input.url, host: new URL(appUrl()).host };

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
