import type { InvitationState } from "@/lib/invitations/invitation-state";

export type JoinOutcome =
  | { state: "joined"; organizationName: string }
  | { state: Exclude<InvitationState, "valid">; organizationName: string; contactEmail: string | null }
  | { state: "valid"; organizationName: string; contactEmail: string | null }
  | { state: "unknown" }
  | { state: "error" };
