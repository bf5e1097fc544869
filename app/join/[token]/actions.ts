"use server";

import { getDb } from "@/db/client";
import { joinWithToken } from "@/lib/invitations/join";
import { joinTokenSchema } from "@/lib/validation/join-token";
import type { JoinOutcome } from "./join-outcome";

/** Public: anyone holding the link may join with it. The token is the only input and is checked here. */
export async function joinAction(_previous: JoinOutcome | null, formData: FormData): Promise<JoinOutcome> {
  const parsed = joinTokenSchema.safeParse({ token: formData.get("token") });
  if (!parsed.success) return { state: "unknown" };
  try {
    const result = await joinWithToken(getDb(), parsed.data.token, new Date());
    if (result.ok) return { state: "joined", organizationName: result.page.organizationName };
    return result.lookup.state === "unknown"
      ? { state: "unknown" }
      : { state: result.lookup.state, contactEmail: result.lookup.page.contactEmail, organizationName: result.lookup.page.organizationName };
  } catch (error) {
    console.error("Joining failed", error instanceof Error ? error.message : error);
    return { state: "error" };
  }
}
