"use server";

import { getDb } from "@/db/client";
import { joinWithToken } from "@/lib/invitations/join";
import { lookUpWithinJoinLimit } from "@/lib/rate-limit/abuse-limits";
import { requestClientIp } from "@/lib/rate-limit/client-ip";
import { joinTokenSchema } from "@/lib/validation/join-token";
import { wakeWebhookWorkers } from "@/lib/webhooks/webhook-loop";
import type { JoinOutcome } from "./join-outcome";

/**
 * Public: anyone holding the link may join with it. The token is the only input and is checked here.
 * Presses with tokens that name no invitation count against the client's join limit; over it the
 * outcome is "limited", with its sentence (lib/rate-limit/abuse-limits.ts).
 */
export async function joinAction(_previous: JoinOutcome | null, formData: FormData): Promise<JoinOutcome> {
  if (!(formData instanceof FormData)) return { state: "unknown" }; // a forged call, not the form
  const parsed = joinTokenSchema.safeParse({ token: formData.get("token") });
  if (!parsed.success) return { state: "unknown" };
  try {
    const db = getDb();
    const now = new Date();
    const attempt = await lookUpWithinJoinLimit(
      db,
      { ip: await requestClientIp(), now },
      () => joinWithToken(db, parsed.data.token, now),
      (joined) => joined.ok || joined.lookup.state !== "unknown",
    );
    if (attempt.limited) return { state: "limited", message: attempt.message };
    const { result } = attempt;
    if (result.ok) wakeWebhookWorkers(); // user.enrolled is committed with the enrollment
    if (result.ok) return { state: "joined", organizationName: result.page.organizationName, email: result.page.invitee.email };
    return result.lookup.state === "unknown"
      ? { state: "unknown" }
      : { state: result.lookup.state, contactEmail: result.lookup.page.contactEmail, organizationName: result.lookup.page.organizationName };
  } catch (error) {
    console.error("Joining failed", error instanceof Error ? error.message : error);
    return { state: "error" };
  }
}
