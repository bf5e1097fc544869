import { z } from "@/lib/validation/zod";
import { organizationNameSchema } from "./invitation-settings";
import { nameSchema } from "./invite-users";

const blankAsMissing = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/**
 * Create organization: its name; the creator's own first and last name only when no organization
 * knows them yet (an ADMIN_EMAILS address has no user row), since they become its first admin row.
 */
export const createOrganizationSchema = z.object({
  name: organizationNameSchema,
  firstName: z.preprocess(blankAsMissing, nameSchema("first name").optional()),
  lastName: z.preprocess(blankAsMissing, nameSchema("last name").optional()),
});

/** Create organization when no organization knows its creator's name: the name is asked, and needed. */
export const createOrganizationNamingCreatorSchema = createOrganizationSchema.extend({
  firstName: z.preprocess(blankAsMissing, nameSchema("first name")),
  lastName: z.preprocess(blankAsMissing, nameSchema("last name")),
});

/** The organization switcher and Leave organization name an organization by id; the server checks the caller's place in it. */
export const organizationIdSchema = z.object({ organizationId: z.uuid("Unknown organization.") });
