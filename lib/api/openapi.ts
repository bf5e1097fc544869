import { z } from "@/lib/validation/zod";
import { MAX_INVITE_ROWS } from "@/lib/validation/invite-users";
import {
  changeRoleBodySchema,
  invitationSettingsBodySchema,
  invitationSettingsObjectSchema,
  inviteUsersBodySchema,
  listUsersQuerySchema,
  problemSchema,
  userObjectSchema,
} from "./schemas";

/**
 * The OpenAPI 3.1 description of /api/v1, generated from the schemas the routes parse with
 * (lib/api/schemas.ts): a request body or parameter documented here is the one checked there.
 * e2e/api-openapi.spec.ts calls every operation it lists, and fails on a route of the build it lacks.
 */

type JsonSchema = Record<string, unknown>;

const jsonSchema = (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
  const generated = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  delete generated.$schema; // OpenAPI 3.1's dialect is already 2020-12
  return generated;
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonSchema) => ({ "application/json": { schema } });

const problemResponse = (description: string) => ({ description, content: { "application/problem+json": { schema: ref("Problem") } } });
const retryAfter = { "Retry-After": { description: "Seconds to wait before trying again.", schema: { type: "integer" } } };

/** Every operation can answer these. */
const common = {
  "401": { ...problemResponse("No key, or a key that is unknown or revoked (the same answer for each)."), headers: { "WWW-Authenticate": { schema: { type: "string" } } } },
  "413": problemResponse("The body is larger than 9 MiB."),
  "429": {
    ...problemResponse("Over the key's rate limit (or, where stated, another limit)."),
    headers: {
      ...retryAfter,
      "RateLimit-Policy": { description: "The key's limit (IETF draft-ietf-httpapi-ratelimit-headers).", schema: { type: "string" } },
      RateLimit: { description: "What is left of it: r=0 and t=Retry-After.", schema: { type: "string" } },
    },
  },
};

const userIdParameter = {
  name: "id",
  in: "path",
  required: true,
  description: "The user's id. Not a UUID, another organization's user or a removed user: 404.",
  schema: { type: "string" },
};

const idempotencyKeyParameter = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description:
    "The same key and body within 24 hours returns the first answer without acting again (Idempotent-Replayed: true); the same key with another body is 422; while the first is in progress, 409.",
  schema: { type: "string", minLength: 1, maxLength: 255 },
};

const queryParameters = () => {
  const schema = jsonSchema(listUsersQuerySchema, "input") as { properties: Record<string, JsonSchema & { description?: string }> };
  return Object.entries(schema.properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: "query", required: false, description, schema: rest };
  });
};

const dataOf = (schema: JsonSchema) => ({ type: "object", properties: { data: schema }, required: ["data"] });

export function openApiDocument(serverUrl: string) {
  const userData = json(dataOf(ref("User")));
  return {
    openapi: "3.1.0",
    info: {
      title: "Roster REST API",
      version: "1",
      description:
        "Invite, list, change and remove the users of the organization an API key belongs to. Create keys on the console's API keys page. Errors are RFC 9457 problem details.",
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API key: rst_ and 43 characters." } },
      schemas: {
        User: jsonSchema(userObjectSchema, "output"),
        Problem: jsonSchema(problemSchema, "output"),
        InvitationSettings: jsonSchema(invitationSettingsObjectSchema, "output"),
      },
    },
    paths: {
      "/api/v1/users": {
        get: {
          operationId: "listUsers",
          summary: "List users, newest invited first",
          parameters: queryParameters(),
          responses: {
            "200": {
              description: "A page of users and the cursor of the next page (null on the last page).",
              content: json({
                type: "object",
                properties: { data: { type: "array", items: ref("User") }, nextCursor: { type: ["string", "null"] } },
                required: ["data", "nextCursor"],
              }),
            },
            "422": problemResponse("A parameter is not valid (a cursor the API did not give, a limit out of range, an unknown status)."),
            ...common,
          },
        },
        post: {
          operationId: "inviteUsers",
          summary: `Invite users, all or nothing (up to ${MAX_INVITE_ROWS.toLocaleString("en")})`,
          parameters: [idempotencyKeyParameter],
          requestBody: { required: true, content: json(jsonSchema(inviteUsersBodySchema, "input")) },
          responses: {
            "201": { description: "Everyone was invited; their emails are on their way.", content: json(dataOf({ type: "array", items: ref("User") })) },
            "400": problemResponse("The body is not JSON, or the Idempotency-Key is malformed."),
            "409": problemResponse("The invitation setup is not saved yet, or a request with this Idempotency-Key is in progress."),
            "422": problemResponse("Some rows are not valid (errors, each with its row), or the Idempotency-Key was used with another body. Nobody was invited."),
            ...common,
            "429": { ...common["429"], description: "Over the key's rate limit or its hourly invitation limit." },
          },
        },
      },
      "/api/v1/users/{id}": {
        parameters: [userIdParameter],
        get: {
          operationId: "getUser",
          summary: "One user",
          responses: { "200": { description: "The user.", content: userData }, "404": problemResponse("No such user in this organization."), ...common },
        },
        patch: {
          operationId: "changeUserRole",
          summary: "Change a user's role",
          requestBody: { required: true, content: json(jsonSchema(changeRoleBodySchema, "input")) },
          responses: {
            "200": { description: "The user, with the role.", content: userData },
            "400": problemResponse("The body is not JSON."),
            "404": problemResponse("No such user in this organization."),
            "409": problemResponse("The organization's last admin cannot be made a member."),
            "422": problemResponse("The role is not member or admin."),
            ...common,
          },
        },
        delete: {
          operationId: "removeUser",
          summary: "Remove a user",
          responses: {
            "204": { description: "Removed: their link stops working and an unsent invitation is cancelled." },
            "404": problemResponse("No such user in this organization."),
            "409": problemResponse("The organization's last admin cannot be removed."),
            ...common,
          },
        },
      },
      "/api/v1/users/{id}/resend": {
        parameters: [userIdParameter],
        post: {
          operationId: "resendInvitation",
          summary: "Resend the invitation: a new link and email; the previous link stops working",
          parameters: [idempotencyKeyParameter],
          responses: {
            "200": { description: "Resent.", content: userData },
            "400": problemResponse("The Idempotency-Key is malformed."),
            "404": problemResponse("No such user in this organization."),
            "409": problemResponse("The user has enrolled, the invitation setup is not saved, or a request with this Idempotency-Key is in progress."),
            "422": problemResponse("The Idempotency-Key was used with another request."),
            ...common,
            "429": { ...common["429"], description: "Resent less than a minute ago (Retry-After says when), or over a limit." },
          },
        },
      },
      "/api/v1/invitation-settings": {
        get: {
          operationId: "getInvitationSettings",
          summary: "The invitation setup",
          responses: {
            "200": { description: "The settings.", content: json(dataOf(ref("InvitationSettings"))) },
            "404": problemResponse("The invitation setup is not saved yet."),
            ...common,
          },
        },
        put: {
          operationId: "saveInvitationSettings",
          summary: "Save the invitation setup",
          description:
            "Replaces the whole setup: a field left out takes its default (validityDays 30, reminderDaysBefore 3; send null to turn reminders off).",
          requestBody: { required: true, content: json(jsonSchema(invitationSettingsBodySchema, "input")) },
          responses: {
            "200": { description: "Saved.", content: json(dataOf(ref("InvitationSettings"))) },
            "400": problemResponse("The body is not JSON."),
            "422": problemResponse("Some fields are not valid (errors)."),
            ...common,
          },
        },
      },
      "/api/v1/openapi.json": {
        get: {
          operationId: "getOpenApiDocument",
          summary: "This document",
          security: [],
          responses: { "200": { description: "The OpenAPI 3.1 document.", content: json({ type: "object" }) } },
        },
      },
    },
  };
}
