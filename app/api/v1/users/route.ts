import { after } from "next/server";
import { getDb } from "@/db/client";
import { apiRoute } from "@/lib/api/api-route";
import { decodeCursor, encodeCursor } from "@/lib/api/cursor";
import { problemErrorsFromFields } from "@/lib/api/field-errors";
import { dataResponse, problem, validationProblem } from "@/lib/api/problem";
import { parseJsonBody, parseQuery } from "@/lib/api/request-body";
import { inviteUsersBodySchema, listUsersQuerySchema } from "@/lib/api/schemas";
import { invitationLimitOfKey, inviterOfKey, tooManyProblem } from "@/lib/api/users";
import { wakeDeliveryWorkers } from "@/lib/email/delivery-loop";
import { wakeWebhookWorkers } from "@/lib/webhooks/webhook-loop";
import { inviteUsers, SETUP_REQUIRED } from "@/lib/invitations/invite-users";
import { getInvitationSetup } from "@/lib/organizations/invitation-setup";
import { sendWithinInvitationLimit } from "@/lib/rate-limit/abuse-limits";
import { LARGE_IMPORT_ROWS, refreshPlannerStatistics } from "@/lib/refresh-planner-statistics";
import { findUserObjects, listUserObjects } from "@/lib/users/user-object";

/** GET /api/v1/users: the organization's users, newest invited first, a page at a time. */
export const GET = apiRoute(async (_request, { apiKey, db, now, url }) => {
  const query = parseQuery(url, listUsersQuerySchema);
  if (!query.ok) return query.response;
  const { q = "", status = [], limit, cursor } = query.data;
  const after = cursor === undefined ? null : decodeCursor(cursor);
  if (cursor !== undefined && !after) {
    return validationProblem([{ field: "cursor", message: "This cursor is not one the API gave: start again without it." }]);
  }
  const page = await listUserObjects(db, { organizationId: apiKey.organizationId, q, statuses: status, limit, after, now });
  return dataResponse(page.users, 200, { nextCursor: page.next ? encodeCursor(page.next) : null });
});

/** POST /api/v1/users: invites every user, or nobody (each invalid row reported with the form's message). */
export const POST = apiRoute(async (_request, { apiKey, db, now, body }) => {
  const input = parseJsonBody(body, inviteUsersBodySchema);
  if (!input.ok) return input.response;
  const rows = input.data.users;
  const setup = await getInvitationSetup(db, apiKey.organizationId);
  if (!setup?.settings) return problem(409, "conflict", SETUP_REQUIRED);

  const result = await sendWithinInvitationLimit(db, invitationLimitOfKey(apiKey, rows.length, now), async () => {
    const invited = await inviteUsers(db, {
      organizationId: apiKey.organizationId,
      inviter: inviterOfKey(apiKey),
      rows,
      now,
    });
    return { result: invited, sent: invited.ok ? invited.data.memberIds.length : 0 };
  });
  if (!result.ok) {
    if ("retryAfterSeconds" in result) return tooManyProblem(result.message, result.retryAfterSeconds);
    if (result.fieldErrors) return validationProblem(problemErrorsFromFields(result.fieldErrors), result.message);
    return problem(409, "conflict", result.message);
  }
  wakeDeliveryWorkers();
  wakeWebhookWorkers(); // and so are the user.invited events
  const ids = result.data.memberIds;
  if (ids.length >= LARGE_IMPORT_ROWS) after(() => refreshPlannerStatistics(getDb()));
  const users = await findUserObjects(db, apiKey.organizationId, ids, now);
  const position = new Map(ids.map((id, index) => [id, index]));
  return dataResponse(users.sort((a, b) => position.get(a.id)! - position.get(b.id)!), 201);
});
