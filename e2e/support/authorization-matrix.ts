import { readFileSync } from "node:fs";
import { serverActionsOfBuild, type ServerActionEntry } from "./server-actions";

/**
 * Every server action and route handler of the build, each with the rule it must follow. An entry
 * the build has and this table lacks fails the authorization spec: a new endpoint cannot slip in.
 */

export type Ids = {
  memberId: string;
  intruder: string;
  apiKeyId: string;
  webhookEndpointId: string;
  webhookDeliveryId: string;
  /** Our organization (the real admin's), as /account names it. */
  organizationId: string;
  /** A send of ours: the newest, as the Users page links to it. */
  sendId: string;
};

/** An admin action: 401 anonymous, 403 non-admin; with ids of another organization, 404. */
type AdminRule = {
  kind: "admin";
  payload: (ids: Ids) => unknown;
  /** Names ids of ours (users, webhook endpoints or deliveries): an admin of another organization sending them is answered 404. */
  namesMemberIds: boolean;
};
/**
 * What a person does about their own memberships (/account): 401 anonymous; anyone signed in is
 * answered, and naming an organization they are not a user of (ours) is refused with a sentence.
 */
type SelfRule = { kind: "self"; payload: (ids: Ids) => unknown; why: string };
/**
 * The organization switcher: 401 anonymous; naming an organization the caller does not administer
 * (ours, for everyone the matrix plays) is answered 404, as any foreign id, and the session keeps
 * the organization it had.
 */
type SwitchRule = { kind: "switch"; payload: (ids: Ids) => unknown; why: string };
/** Public by design: anyone may call it, so it must survive forged input and change nothing of ours. */
type PublicRule = { kind: "public"; why: string };
export type ActionRule = AdminRule | SelfRule | SwitchRule | PublicRule;

const adminActions: Record<string, AdminRule> = {
  inviteUsersAction: {
    kind: "admin",
    namesMemberIds: false,
    payload: ({ intruder }) => ({ rows: [{ firstName: "In", lastName: "Truder", email: intruder, role: "admin" }] }),
  },
  resendInvitationsAction: { kind: "admin", namesMemberIds: true, payload: ({ memberId }) => ({ memberIds: [memberId] }) },
  // Select all N users: the view names no ids, so an admin of another organization reaches only their own users.
  resendInvitationsToViewAction: { kind: "admin", namesMemberIds: false, payload: ({ intruder }) => ({ view: { q: intruder, status: [] } }) },
  removeUsersInViewAction: { kind: "admin", namesMemberIds: false, payload: ({ intruder }) => ({ view: { q: intruder, status: [] } }) },
  copyInvitationLinkAction: { kind: "admin", namesMemberIds: true, payload: ({ memberId }) => ({ memberId }) },
  // Reads only, but what it reads is ours: an admin of another organization naming our user is answered 404.
  deliveryDetailsAction: { kind: "admin", namesMemberIds: true, payload: ({ memberId }) => ({ memberId }) },
  // A send's page: its id is ours, so an admin of another organization is answered 404.
  retryFailedAction: { kind: "admin", namesMemberIds: true, payload: ({ sendId }) => ({ sendId }) },
  resendToNotJoinedAction: { kind: "admin", namesMemberIds: true, payload: ({ sendId }) => ({ sendId }) },
  dismissSendAction: { kind: "admin", namesMemberIds: true, payload: ({ sendId }) => ({ sendId }) },
  // Writes only the caller's own choice of columns, so another organization's admin changes nothing of ours.
  saveUsersTableColumnsAction: { kind: "admin", namesMemberIds: false, payload: () => ({ columns: ["invitedBy", "lastSent"] }) },
  removeUsersAction: { kind: "admin", namesMemberIds: true, payload: ({ memberId }) => ({ memberIds: [memberId] }) },
  changeRolesAction: { kind: "admin", namesMemberIds: true, payload: ({ memberId }) => ({ memberIds: [memberId], role: "admin" }) },
  saveInvitationSettingsAction: {
    kind: "admin",
    namesMemberIds: false,
    payload: () => ({ organizationName: "Hijacked Inc", contactEmail: "", customMessage: "", validityDays: "1" }),
  },
  createApiKeyAction: { kind: "admin", namesMemberIds: false, payload: () => ({ name: "Intruder's key" }) },
  // An admin of another organization naming our key is answered 404: "names ids" of ours.
  revokeApiKeyAction: { kind: "admin", namesMemberIds: true, payload: ({ apiKeyId }) => ({ apiKeyId }) },
  addWebhookEndpointAction: {
    kind: "admin",
    namesMemberIds: false,
    payload: () => ({ url: "http://127.0.0.1:9/intruder", events: ["user.invited"] }),
  },
  removeWebhookEndpointAction: { kind: "admin", namesMemberIds: true, payload: ({ webhookEndpointId }) => ({ endpointId: webhookEndpointId }) },
  enableWebhookEndpointAction: { kind: "admin", namesMemberIds: true, payload: ({ webhookEndpointId }) => ({ endpointId: webhookEndpointId }) },
  resendWebhookDeliveryAction: { kind: "admin", namesMemberIds: true, payload: ({ webhookDeliveryId }) => ({ deliveryId: webhookDeliveryId }) },
  // Makes a new organization whose first admin is the caller: nothing of ours is named or changed.
  createOrganizationAction: { kind: "admin", namesMemberIds: false, payload: () => ({ name: "Intruder Inc", firstName: "In", lastName: "Truder" }) },
  previewInvitationEmailAction: {
    kind: "admin",
    namesMemberIds: false,
    payload: () => ({ organizationName: "Peeking Inc", contactEmail: "", customMessage: "", validityDays: "1" }),
  },
};

const selfActions: Record<string, SelfRule> = {
  "app/account/actions.ts#leaveOrganizationAction": {
    kind: "self",
    payload: ({ organizationId }) => ({ organizationId }),
    why: "leaves an organization the caller is a user of; any other is refused",
  },
};

const switchActions: Record<string, SwitchRule> = {
  "app/(console)/organization-actions.ts#switchOrganizationAction": {
    kind: "switch",
    payload: ({ organizationId }) => ({ organizationId }),
    why: "makes an organization the caller administers the session's current one; any other is 404",
  },
};

const publicActions: Record<string, PublicRule> = {
  "app/(auth)/sign-in/actions.ts#requestSignInLink": { kind: "public", why: "asks for a sign-in link; only admins get one" },
  "app/join/[token]/actions.ts#joinAction": { kind: "public", why: "the invitation token is the credential" },
  // The inline "Sign out" form of the console header and /account: it ends the caller's own session and nothing else.
  "components/sign-out-button.tsx#inline": { kind: "public", why: "signs the caller out of their own session" },
};

export type ClassifiedAction = ServerActionEntry & { rule: ActionRule };

/** Actions of the build with their rule; throws naming every action that has none. */
export function classifiedServerActions(): ClassifiedAction[] {
  const unclassified: string[] = [];
  const classified = serverActionsOfBuild().flatMap((action) => {
    const inline = action.name.startsWith("$$RSC_SERVER_ACTION");
    const rule =
      (/^app\/\(console\)\/.*actions\.ts$/.test(action.file) ? adminActions[action.name] : undefined) ??
      selfActions[`${action.file}#${action.name}`] ??
      switchActions[`${action.file}#${action.name}`] ??
      publicActions[`${action.file}#${inline ? "inline" : action.name}`];
    if (!rule) unclassified.push(`${action.file}#${action.name}`);
    return rule ? [{ ...action, rule }] : [];
  });
  if (unclassified.length) throw new Error(`Classify these server actions in e2e/support/authorization-matrix.ts: ${unclassified.join(", ")}`);
  return classified;
}

/** How a route handler is called by someone who is not its intended caller, and what it must answer. */
export type RouteRule = {
  method: "GET" | "POST" | "PUT";
  /** The path to call, naming ids of ours where the route takes one. */
  path: string | ((ids: Ids) => string);
  body?: string;
  /** Status range every principal must get (but the one below). */
  expect: "2xx" | "3xx" | "4xx";
  /**
   * An admin's read of their own organization, which comes from the session: an admin of another
   * organization is answered (2xx) about theirs, and the answer must hold none of our users.
   */
  answersOtherAdminAboutTheirOwn?: true;
  /** The deployment's state, the same for every admin: an admin of another organization is answered (2xx), with nothing of ours. */
  answersEveryAdmin?: true;
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
  "/(console)/users/export/route": {
    method: "GET",
    path: "/users/export?sort=email&dir=asc",
    expect: "4xx",
    answersOtherAdminAboutTheirOwn: true,
    why: "Export CSV: 401 without a session, 403 for a non-admin; an admin gets their own organization's users",
  },
  "/(console)/sends/[sendId]/progress/route": {
    method: "GET",
    path: ({ sendId }) => `/sends/${sendId}/progress`,
    expect: "4xx",
    why: "a send's counts: 401 without a session, 403 for a non-admin, 404 for an admin of another organization",
  },
  "/api/cron/deliver/route": { method: "POST", path: "/api/cron/deliver", expect: "4xx", why: "needs Bearer CRON_SECRET, not a session" },
  "/api/delivery-health/route": {
    method: "GET",
    path: "/api/delivery-health",
    expect: "4xx",
    answersEveryAdmin: true,
    why: "the console's delivery banner: 401 without a session, 403 for a non-admin; any admin, as the provider's key is the deployment's",
  },
  "/api/health/route": { method: "GET", path: "/api/health", expect: "2xx", why: "public liveness probe that reads nothing of anyone's" },
  // The REST API authenticates by API key, never by session: every caller here has a session and no key.
  // e2e/api-authorization.spec.ts calls every method of each with no key, a revoked key and another
  // organization's key.
  "/api/v1/users/route": { method: "POST", path: "/api/v1/users", body: JSON.stringify({ users: [{ firstName: "In", lastName: "Truder", email: "intruder@example.com" }] }), expect: "4xx", why: "needs an API key of ours" },
  "/api/v1/users/[id]/route": { method: "GET", path: "/api/v1/users/00000000-0000-4000-8000-000000000000", expect: "4xx", why: "needs an API key of ours" },
  "/api/v1/users/[id]/resend/route": { method: "POST", path: "/api/v1/users/00000000-0000-4000-8000-000000000000/resend", expect: "4xx", why: "needs an API key of ours" },
  "/api/v1/invitation-settings/route": {
    method: "PUT",
    path: "/api/v1/invitation-settings",
    body: JSON.stringify({ organizationName: "Hijacked Inc" }),
    expect: "4xx",
    why: "needs an API key of ours",
  },
  "/api/v1/openapi.json/route": { method: "GET", path: "/api/v1/openapi.json", expect: "2xx", why: "the API's public description, nothing of anyone's" },
  // SCIM authenticates by API key as the REST API does; e2e/api-authorization.spec.ts calls every method
  // of each with no key, a revoked key and another organization's key.
  "/scim/v2/ServiceProviderConfig/route": { method: "GET", path: "/scim/v2/ServiceProviderConfig", expect: "4xx", why: "needs an API key of ours" },
  "/scim/v2/ResourceTypes/route": { method: "GET", path: "/scim/v2/ResourceTypes", expect: "4xx", why: "needs an API key of ours" },
  "/scim/v2/Schemas/route": { method: "GET", path: "/scim/v2/Schemas", expect: "4xx", why: "needs an API key of ours" },
  "/scim/v2/Users/route": {
    method: "POST",
    path: "/scim/v2/Users",
    body: JSON.stringify({ userName: "intruder@example.com", name: { givenName: "In", familyName: "Truder" } }),
    expect: "4xx",
    why: "needs an API key of ours",
  },
  "/scim/v2/Users/[id]/route": { method: "GET", path: "/scim/v2/Users/00000000-0000-4000-8000-000000000000", expect: "4xx", why: "needs an API key of ours" },
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

/** Where a console page sends someone who may not see it: nobody signed in to sign in, anyone else who administers nothing to their account. */
export type PageRule = { route: string; path: string };

/** Values for the dynamic segments of console pages: ids of ours. */
const segmentValues = (ids: Ids): Record<string, string> => ({ "[endpointId]": ids.webhookEndpointId, "[sendId]": ids.sendId });

/**
 * Every console page of the build (the (console) group of its app-paths manifest), and /account,
 * with the path to call it by; throws on a dynamic segment this table has no value for.
 */
export function consolePages(ids: Ids): PageRule[] {
  const manifest = JSON.parse(readFileSync(".next/server/app-paths-manifest.json", "utf8")) as Record<string, string>;
  const values = segmentValues(ids);
  const unknown: string[] = [];
  const pages = Object.keys(manifest)
    .filter((page) => page.startsWith("/(console)/") && page.endsWith("/page"))
    .map((route) => {
      const segments = route.replace(/^\/\(console\)/, "").replace(/\/page$/, "").split("/");
      const path = segments
        .map((segment) => {
          if (!segment.startsWith("[")) return segment;
          if (!(segment in values)) unknown.push(`${route} (${segment})`);
          return values[segment] ?? segment;
        })
        .join("/");
      return { route, path };
    });
  if (unknown.length) throw new Error(`Give these dynamic segments a value in e2e/support/authorization-matrix.ts: ${unknown.join(", ")}`);
  if (pages.length === 0) throw new Error("No console page in the build's manifest.");
  return pages;
}
