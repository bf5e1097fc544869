/**
 * The callers the authorization matrix plays besides the real admin. write-principals.ts creates
 * them before the app starts, each with a database session whose token is known here: sign-in links
 * go to admins only, so a non-admin could not otherwise hold a session in a test.
 */
export const OTHER_ORGANIZATION_NAME = "Globex Other";

export type Principal = { label: string; email: string; sessionToken: string; role: "admin" | "member"; removed: boolean; organization: "acme" | "other" };

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
  /** An Admin of our organization who was removed: the session outlives the membership. */
  formerAdmin: {
    label: "removed former admin of this organization",
    email: "former.admin@example.com",
    sessionToken: "e2e-session-removed-former-admin-00000003",
    role: "admin",
    removed: true,
    organization: "acme",
  },
} satisfies Record<string, Principal>;

/** Auth.js's session cookie over plain http (no __Secure- prefix). */
export const SESSION_COOKIE = "authjs.session-token";
