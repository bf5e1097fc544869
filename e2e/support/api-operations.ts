import { readFileSync } from "node:fs";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { schemaErrors } from "./json-schema";

/** The OpenAPI document's operations, and the build's /api/v1 route handlers they must cover. */
export type OpenApiDocument = { paths: Record<string, Record<string, Operation>>; components: Record<string, unknown> } & Record<string, unknown>;
export type Operation = {
  operationId: string;
  parameters?: unknown[];
  requestBody?: unknown;
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
};
export type ApiOperation = { path: string; method: string; operation: Operation };

const METHODS = ["get", "post", "put", "patch", "delete"];

export function operationsOf(document: OpenApiDocument): ApiOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })),
  );
}

/** "/api/v1/users/{id}" as the build's app-paths manifest names its handler: "/api/v1/users/[id]/route". */
export const manifestRouteOf = (path: string) => `${path.replace(/\{(\w+)\}/g, "[$1]")}/route`;

/** The build's route handlers under /api/v1 (or another prefix, such as /scim/v2/). */
export function apiRoutesOfBuild(prefix = "/api/v1/"): string[] {
  const manifest = JSON.parse(readFileSync(".next/server/app-paths-manifest.json", "utf8")) as Record<string, string>;
  return Object.keys(manifest).filter((page) => page.startsWith(prefix) && page.endsWith("/route"));
}

/** A valid body for each operation that takes one (the OpenAPI walk and the authorization matrix send these). */
export const exampleBodies: Record<string, (unique: string) => unknown> = {
  inviteUsers: (unique) => ({ users: [{ firstName: "Openapi", lastName: "Walker", email: `walker.${unique}@example.com` }] }),
  changeUserRole: () => ({ role: "member" }),
  saveInvitationSettings: () => ({ organizationName: "Acme Robotics" }),
};

/** Whether a response is one the document lists for the operation, with a body its schema allows. */
export async function mismatchOf(document: OpenApiDocument, operation: Operation, response: APIResponse): Promise<string[]> {
  const status = String(response.status());
  const documented = operation.responses[status];
  if (!documented) return [`status ${status} is not documented (${Object.keys(operation.responses).join(", ")})`];
  if (!documented.content) return (await response.body()).length === 0 ? [] : [`status ${status} is documented without a body`];
  const contentType = (response.headers()["content-type"] ?? "").split(";")[0]!;
  const media = documented.content[contentType];
  if (!media) return [`content type ${contentType} is not documented for ${status}`];
  return schemaErrors(await response.json(), media.schema, document);
}

export async function fetchDocument(request: APIRequestContext): Promise<OpenApiDocument> {
  return (await (await request.get("/api/v1/openapi.json")).json()) as OpenApiDocument;
}
