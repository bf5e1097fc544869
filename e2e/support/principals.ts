/**
 * The callers the authorization matrix plays besides the real admin. write-principals.ts creates
 * them before the app starts, each with a database session whose token is known here, so the matrix
 * needs no sign-in (e2e/account.spec.ts signs a member in with an emailed link, as a person does).
 */
export const OTHER_ORGANIZATION_NAME = "Globex Other";
export const SOLO_ORGANIZATION_NAME = "Initech Solo";
/** The organization the "member here, admin there" principal administers. */
export const THERE_ORGANIZATION_NAME = "Hooli There";

export type Principal = {
  label: string;
  email: string;
  sessionToken: string;
  role: "admin" | "member";
  removed: boolean;
  organization: "acme" | "other" | "solo";
  /** A second organization this person is the enrolled Admin of (one email, a role in each). */
  alsoAdminOf?: "there";
};

export const principals = {
  /** Enrolled Admin of a second organization: a real admin, but not of ours. */
  otherAdmin: {
    label: "admin of another organization",
    email: "other.admin@globex.test",
    sessionToken: "e2e-session-other-organization-admin-0001",
    role: "admin",
    removed: false,
    organization: "other",
  },
  /** Enrolled Member (not Admin) of the second organization. */
  member: {
    label: "signed-in member (not an admin)",
    email: "member@globex.test",
    sessionToken: "e2e-session-enrolled-member-000000000002",
    role: "member",
    removed: false,
    organization: "other",
  },
  /** Enrolled Member of our organization: signed in, and yet never let into its console or its admin actions. */
  ourMember: {
    label: "signed-in member of this organization",
    email: "mona.member@example.com",
    sessionToken: "e2e-session-member-of-this-organization-05",
    role: "member",
    removed: false,
    organization: "acme",
  },
  /**
   * A Member of our organization who is the Admin of another one: an admin, signed in, whose console
   * is that other organization's, and who must never reach ours by switching, by ids or by its pages.
   */
  memberHereAdminThere: {
    label: "member of this organization who is admin of another",
    email: "hana.here@example.com",
    sessionToken: "e2e-session-member-here-admin-there-0006",
    role: "member",
    removed: false,
    organization: "acme",
    alsoAdminOf: "there",
  },
  /** An Admin of our organization who was removed: the session outlives the membership. */
  formerAdmin: {
    label: "removed former admin of this organization",
    email: "former.admin@example.com",
    sessionToken: "e2e-session-removed-former-admin-00000003",
    role: "admin",
    removed: true,
    organization: "acme",
  },
  /** The one admin row of a third organization: the last-admin rule holds them back. */
  soloAdmin: {
    label: "only admin of a third organization",
    email: "solo.admin@initech.test",
    sessionToken: "e2e-session-only-admin-of-solo-org-000004",
    role: "admin",
    removed: false,
    organization: "solo",
  },
} satisfies Record<string, Principal>;

/** Auth.js's session cookie over plain http (no __Secure- prefix). */
export const SESSION_COOKIE = "authjs.session-token";

/**
 * API keys write-principals.ts stores (their hashes) before the app starts, for the API's
 * authorization matrix (e2e/api-authorization.spec.ts): one of ours that works, one of ours that
 * was revoked, and one of the other organization. e2e/api.spec.ts makes its own key in the console.
 */
export type ApiKeyPrincipal = { id: string; name: string; secret: string; organization: "acme" | "other"; revoked: boolean };

const e2eSecret = (label: string) => `rst_${label.padEnd(43, "0")}`;

export const apiKeyPrincipals = {
  ours: { id: "7a0c4e1e-0000-4000-8000-00000000a001", name: "E2E matrix key", secret: e2eSecret("e2eOurOrganizationLiveKey"), organization: "acme", revoked: false },
  oursRevoked: { id: "7a0c4e1e-0000-4000-8000-00000000a002", name: "E2E revoked key", secret: e2eSecret("e2eOurOrganizationRevokedKey"), organization: "acme", revoked: true },
  other: { id: "7a0c4e1e-0000-4000-8000-00000000a003", name: "Globex key", secret: e2eSecret("e2eOtherOrganizationKey"), organization: "other", revoked: false },
} satisfies Record<string, ApiKeyPrincipal>;
