import { redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/auth";
import { getDb } from "@/db/client";
import { currentOrganization } from "@/lib/organizations/switch-organization";
import { displayNameIn, listMemberships, type Membership } from "./memberships";

export type AdminContext = {
  userId: string;
  email: string;
  displayName: string;
  /** The only organization an admin request may read or change: from the session, never from input. */
  organizationId: string;
  organizationName: string;
};

/** Who is calling, from the session alone. */
export type Caller =
  | { kind: "anonymous" }
  /** Signed in, administering no organization: a member (or, once removed everywhere, nobody's user). */
  | { kind: "signed-in"; userId: string; email: string; memberships: Membership[] }
  | { kind: "admin"; userId: string; email: string; memberships: Membership[]; context: AdminContext };

/** The caller and, for an admin, the organization the request works in (currentOrganization). */
export const getCaller = cache(async (): Promise<Caller> => {
  const session = await auth();
  const email = session?.user?.email;
  const userId = session?.user?.id;
  if (!email || !userId) return { kind: "anonymous" };
  const memberships = await listMemberships(getDb(), email);
  const current = currentOrganization(memberships, session.organizationId);
  if (!current) return { kind: "signed-in", userId, email, memberships };
  return {
    kind: "admin",
    userId,
    email,
    memberships,
    context: {
      userId,
      email,
      displayName: displayNameIn(current, email),
      organizationId: current.organizationId,
      organizationName: current.organizationName,
    },
  };
});

/** A signed-in admin and their current organization, or null. */
export async function getAdminContext(): Promise<AdminContext | null> {
  const caller = await getCaller();
  return caller.kind === "admin" ? caller.context : null;
}

/** For console pages: anonymous callers go to the sign-in page, members to their account. */
export async function requireAdmin(): Promise<AdminContext> {
  const caller = await getCaller();
  if (caller.kind === "anonymous") redirect("/sign-in");
  if (caller.kind !== "admin") redirect("/account");
  return caller.context;
}

/** For /account: anyone signed in; anonymous callers go to the sign-in page. */
export async function requireSignedIn(): Promise<Exclude<Caller, { kind: "anonymous" }>> {
  const caller = await getCaller();
  if (caller.kind === "anonymous") redirect("/sign-in");
  return caller;
}
