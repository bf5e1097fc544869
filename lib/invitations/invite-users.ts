import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { members } from "@/db/schema";
import { chunks } from "@/lib/chunks";
import { isUniqueViolation } from "@/lib/db-errors";
import { getInvitationSetup } from "@/lib/organizations/invitation-setup";
import { failure, success, type Result } from "@/lib/result";
import type { FieldErrors } from "@/lib/validation/field-errors";
import type { InviteRow } from "@/lib/validation/invite-users";
import { invitationExpiry, issueInvitations, type Inviter } from "./issue-invitations";
import type { TokenGenerator } from "./token";

export const ALREADY_A_USER = "This address is already a user of this organization.";
export const SETUP_REQUIRED = "Set up user invitations before you invite users.";

/** A row to invite; SCIM also gives the identity provider's id and spelling of the address. */
export type InviteUserRow = InviteRow & { externalId?: string | null; scimUserName?: string | null };

export type InviteUsersInput = {
  organizationId: string;
  inviter: Inviter;
  rows: InviteUserRow[];
  now: Date;
  random?: TokenGenerator;
};

/**
 * Invites every row, or nobody: rows whose address is already a user come back as errors on that
 * row and nothing is written. Their emails wait in the outbox for the delivery workers.
 */
export async function inviteUsers(
  db: Database,
  input: InviteUsersInput,
): Promise<Result<{ memberIds: string[]; sendId: string }>> {
  const setup = await getInvitationSetup(db, input.organizationId);
  if (!setup?.settings) return failure(SETUP_REQUIRED);
  const { organization, settings } = setup;

  const taken = await rowsAlreadyUsers(db, input.organizationId, input.rows);
  if (taken) return taken;

  try {
    return success(
      await db.transaction(async (tx) => {
        const created = [];
        for (const slice of chunks(input.rows)) {
          created.push(
            ...(await tx
              .insert(members)
              .values(
                slice.map((row) => ({
                  organizationId: input.organizationId,
                  firstName: row.firstName,
                  lastName: row.lastName,
                  email: row.email,
                  role: row.role,
                  externalId: row.externalId ?? null,
                  scimUserName: row.scimUserName ?? null,
                  invitedAt: input.now,
                  invitedByUserId: input.inviter.userId,
                  invitedByApiKeyId: input.inviter.apiKeyId ?? null,
                  invitationExpiresAt: invitationExpiry(input.now, settings),
                })),
              )
              .returning()),
          );
        }
        const { sendId } = await issueInvitations(tx, created, {
          organization,
          settings,
          inviter: input.inviter,
          now: input.now,
          random: input.random,
          auditAction: "user.invited",
        });
        return { memberIds: created.map((member) => member.id), sendId: sendId! };
      }),
    );
  } catch (error) {
    // Another admin invited one of these addresses between our check and our insert.
    if (isUniqueViolation(error, "members_organization_email_active")) {
      return (await rowsAlreadyUsers(db, input.organizationId, input.rows)) ?? failure(ALREADY_A_USER);
    }
    throw error;
  }
}

async function rowsAlreadyUsers(db: Database, organizationId: string, rows: InviteRow[]) {
  const existing = await db
    .select({ email: members.email })
    .from(members)
    .where(
      and(
        eq(members.organizationId, organizationId),
        isNull(members.removedAt),
        inArray(
          members.email,
          rows.map((row) => row.email),
        ),
      ),
    );
  if (existing.length === 0) return null;
  const takenEmails = new Set(existing.map((row) => row.email));
  const fieldErrors: FieldErrors = {};
  rows.forEach((row, index) => {
    if (takenEmails.has(row.email)) fieldErrors[`rows.${index}.email`] = [ALREADY_A_USER];
  });
  const count = existing.length;
  return failure(
    count === 1
      ? "1 address is already a user of this organization. Nothing was sent."
      : `${count} addresses are already users of this organization. Nothing was sent.`,
    fieldErrors,
  );
}
