"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { unstable_update } from "@/auth";
import { getDb } from "@/db/client";
import { adminAction, signedInAction } from "@/lib/auth/admin-action";
import { getCaller } from "@/lib/auth/caller";
import { administered, knownName } from "@/lib/auth/memberships";
import { createOrganization } from "@/lib/organizations/create-organization";
import { failure, success } from "@/lib/result";
import { fieldErrorsFromZod } from "@/lib/validation/field-errors";
import { createOrganizationNamingCreatorSchema, createOrganizationSchema, organizationIdSchema } from "@/lib/validation/organizations";

/** Makes an organization the session's current one (the header's switcher): only one the caller administers. */
async function switchTo(organizationId: string) {
  const session = await unstable_update({ organizationId });
  if (session?.organizationId !== organizationId) throw new Error("The session did not take the organization.");
  revalidatePath("/", "layout");
}

export const switchOrganizationAction = signedInAction(organizationIdSchema, async ({ organizationId }, caller) => {
  // Another organization, or one they only belong to as a Member, is not theirs to open: 404, as for any foreign id.
  if (!administered(caller.memberships).some((membership) => membership.organizationId === organizationId)) notFound();
  await switchTo(organizationId);
  return success({ organizationId });
});

export const createOrganizationAction = adminAction(createOrganizationSchema, async (input, admin) => {
  const caller = await getCaller(); // cached: the read adminAction made
  // Their first admin row needs a name: the one they typed, or else the one another organization knows them by.
  let creatorName = caller.kind === "admin" ? knownName(caller.memberships) : null;
  if (!creatorName) {
    const named = createOrganizationNamingCreatorSchema.safeParse(input);
    if (!named.success) return failure("Some fields need your attention.", fieldErrorsFromZod(named.error));
    creatorName = named.data;
  }
  const firstName = input.firstName ?? creatorName.firstName;
  const lastName = input.lastName ?? creatorName.lastName;
  const created = await createOrganization(getDb(), {
    name: input.name,
    creator: { userId: admin.userId, email: admin.email, firstName, lastName },
    now: new Date(),
  });
  await switchTo(created.organizationId);
  return success({ organizationId: created.organizationId });
});
