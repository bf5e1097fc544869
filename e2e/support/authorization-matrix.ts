import { readFileSync } from "node:fs";
import { serverActionsOfBuild, type ServerActionEntry } from "./server-actions";

/**
 * Every server action and route handler of the build, each with the rule it must follow. An entry
 * the build has and this table lacks fails the authorization spec: a new endpoint cannot slip in.
 */

export type Ids = { memberId: string; intruder: string };

/** An admin action: 401 anonymous, 403 non-admin; with ids of another organization, 404. */
type AdminRule = {
  kind: "admin";
  payload: (ids: Ids) => unknown;
  /** Names ids of users: an admin of another organization sending ours is answered 404. */
  namesMemberIds: boolean;
};
/** Public by design: anyone may call it, so it must survive forged input and change nothing of ours. */
type PublicRule = { kind: "public"; why: string };
export type ActionRule = AdminRule | PublicRule;

const adminActions: Record<string, AdminRule> = {
  inviteUsersAction: {
    kind: "admin",
    namesMemberIds: false,
    payload: ({ intruder }) => ({ rows: [{ firstName: "In", lastName: "Truder", email: intruder, role: "admin" }] }),
  },
  resendInvitationsAction: { kind: "admin", namesMemberIds: true, payload: ({ memberId }) => ({ memberIds: [memberId] }) },
  removeUsersAction: { kind: "admin", namesMemberIds: true, payload: ({ memberId }) => ({ memberIds: [memberId] }) },
  saveInvitationSettingsAction: {
    kind: "admin",
    namesMemberIds: false,
    payload: () => ({ organizationName: "Hijacked Inc", contactEmail: "", customMessage: "", validityDays: "1" }),
  },
};

const publicActions: Record<string, PublicRule> = {
  "app/(auth)/sign-in/actions.ts#requestSignInLink": { kind: "public", why: "asks for a sign-in link; only admins get one" },
  "app/join/[token]/actions.ts#joinAction": { kind: "public", why: "the invitation token is the credential" },
  // The console layout's inline "Sign out" form: it ends the caller's own session and nothing else.
  "app/(console)/layout.tsx#inline": { kind: "public", why: "signs the caller out of their own session" },
};

export type ClassifiedAction = ServerActionEntry & { rule: ActionRule };

/** Actions of the build with their rule; throws naming every action that has none. */
export function classifiedServerActions(): ClassifiedAction[] {
  const unclassified: string[] = [];
  const classified = serverActionsOfBuild().flatMap((action) => {
    const inline = action.name.startsWith("$$RSC_SERVER_ACTION");
    const rule =
      (/^app\/\(console\)\/.*actions\.ts$/.test(action.file) ? adminActions[action.name] : undefined) ??
      publicActions[`${action.file}#${inline ? "inline" : action.name}`];
    if (!rule) unclassified.push(`${action.file}#${action.name}`);
    return rule ? [{ ...action, rule }] : [];
  });
  if (unclassified.length) throw new Error(`Classify these server actions in e2e/support/authorization-matrix.ts: ${unclassified.join(", ")}`);
  return classified;
}

/** How a route handler is called by someone who is not its intended caller, and what it must answer. */
export type RouteRule = {
  method: "GET" | "POST";
  path: string;
  body?: string;
  /** Status range every principal must get. */
  expect: "2xx" | "3xx" | "4xx";
  why: string;
};

const routeRules: Record<string, RouteRule> = {
  "/api/auth/[...nextauth]/route": {
    method: "POST",
    path: "/api/auth/signin/email",
    body: "email=intruder%40example.com",
    // Auth.js's own answer to a missing CSRF token is a redirect to the sign-in page's error view.
    expect: "3xx",
    why: "Auth.js's endpoints are public but send nothing for a POST without their CSRF token",
  },
  "/api/cron/deliver/route": { method: "POST", path: "/api/cron/deliver", expect: "4xx", why: "needs Bearer CRON_SECRET, not a session" },
  "/api/health/route": { method: "GET", path: "/api/health", expect: "2xx", why: "public liveness probe that reads nothing of anyone's" },
  "/api/webhooks/resend/route": {
    method: "POST",
    path: "/api/webhooks/resend",
    body: JSON.stringify({ type: "email.bounced", data: { email_id: "forged" } }),
    expect: "4xx",
    why: "needs Resend's webhook signature, not a session",
  },
};

/** Route handlers of the build (its app-paths manifest) with their rule; throws on any unclassified one. */
export function classifiedRoutes(): (RouteRule & { route: string })[] {
  const manifest = JSON.parse(readFileSync(".next/server/app-paths-manifest.json", "utf8")) as Record<string, string>;
  const routes = Object.keys(manifest).filter((page) => page.endsWith("/route") && !page.startsWith("/_"));
  const unclassified = routes.filter((route) => !(route in routeRules));
  if (unclassified.length) throw new Error(`Classify these route handlers in e2e/support/authorization-matrix.ts: ${unclassified.join(", ")}`);
  return routes.map((route) => ({ route, ...routeRules[route]! }));
}
