import { appUrl } from "@/lib/config";
import { CORE_USER_SCHEMA, MAX_PAGE_SIZE, ROSTER_USER_SCHEMA } from "./scim-users";
import { LIST_RESPONSE_SCHEMA } from "./scim-response";

/**
 * What `/scim/v2` tells an identity provider about itself (RFC 7644 §4, RFC 7643 §5–7): PATCH and
 * filters (at most MAX_PAGE_SIZE results a page) supported, bulk, sort, password change and ETags
 * not, authentication by a Bearer token (an API key); one resource type, User, with Roster's
 * enrollment extension.
 */
const base = () => `${appUrl()}/scim/v2`;

export function serviceProviderConfig() {
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
    documentationUri: `${appUrl()}/`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_PAGE_SIZE },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "API key",
        description: "An API key of the organization (Settings → API keys), sent as Authorization: Bearer rst_…",
        primary: true,
      },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${base()}/ServiceProviderConfig` },
  };
}

export function userResourceType() {
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
    id: "User",
    name: "User",
    endpoint: "/Users",
    description: "A user of the organization: invited, then enrolled.",
    schema: CORE_USER_SCHEMA,
    schemaExtensions: [{ schema: ROSTER_USER_SCHEMA, required: false }],
    meta: { resourceType: "ResourceType", location: `${base()}/ResourceTypes/User` },
  };
}

type Attribute = {
  name: string;
  type: "string" | "boolean" | "complex";
  required: boolean;
  mutability: "readOnly" | "readWrite" | "immutable";
  caseExact?: boolean;
  uniqueness?: "none" | "server";
  multiValued?: boolean;
  canonicalValues?: string[];
  subAttributes?: Attribute[];
  description: string;
};

const attribute = (name: string, description: string, extra: Partial<Attribute> = {}): Attribute => ({
  name,
  type: "string",
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: "readWrite",
  uniqueness: "none",
  description,
  ...extra,
});

export function userSchemas() {
  const core = {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
    id: CORE_USER_SCHEMA,
    name: "User",
    description: "User Account",
    attributes: [
      attribute("userName", "The user's email address: where the invitation is sent. It cannot change.", {
        required: true,
        mutability: "immutable",
        uniqueness: "server",
      }),
      attribute("name", "The user's name.", {
        type: "complex",
        required: true,
        subAttributes: [
          attribute("givenName", "First name.", { required: true }),
          attribute("familyName", "Last name.", { required: true }),
          attribute("formatted", "First and last name.", { mutability: "readOnly" }),
        ],
      }),
      attribute("displayName", "First and last name.", { mutability: "readOnly" }),
      attribute("emails", "The one work email: userName.", {
        type: "complex",
        multiValued: true,
        mutability: "readOnly",
        subAttributes: [
          attribute("value", "The address.", { mutability: "readOnly" }),
          attribute("type", "Always work.", { mutability: "readOnly", canonicalValues: ["work"] }),
          attribute("primary", "Always true.", { type: "boolean", mutability: "readOnly" }),
        ],
      }),
      attribute("active", "True while the user is a user; false removes them.", { type: "boolean" }),
      attribute("externalId", "The identity provider's id for the user.", { caseExact: true }),
    ],
    meta: { resourceType: "Schema", location: `${base()}/Schemas/${CORE_USER_SCHEMA}` },
  };
  const extension = {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
    id: ROSTER_USER_SCHEMA,
    name: "RosterUser",
    description: "The user's enrollment in Roster.",
    attributes: [
      attribute("status", "pending (invited), expired (the invitation lapsed) or enrolled (joined).", {
        mutability: "readOnly",
        canonicalValues: ["pending", "expired", "enrolled"],
      }),
    ],
    meta: { resourceType: "Schema", location: `${base()}/Schemas/${ROSTER_USER_SCHEMA}` },
  };
  return [core, extension];
}

/** A discovery list: every resource on one page. */
export const listOf = (resources: unknown[]) => ({
  schemas: [LIST_RESPONSE_SCHEMA],
  totalResults: resources.length,
  startIndex: 1,
  itemsPerPage: resources.length,
  Resources: resources,
});
