import type { InvitationState } from "@/lib/invitations/invitation-state";

export type JoinOutcome =
  /** email: the invitee's address, for the Sign in link that follows. */
  | { state: "joined"; organizationName: string; email: string }
  | { state: Exclude<InvitationState, "valid">; organizationName: string; contactEmail: string | null }
  | { state: "valid"; organizationName: string; contactEmail: string | null }
  | { state: "unknown" }
  /** Too many links that name no invitation were tried from this client. */
  | { state: "limited"; message: string }
  | { state: "error" };
