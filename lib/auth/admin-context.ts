import { redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/auth";
import { getDb } from "@/db/client";
import { findAdminMembership } from "./admin-membership";

export type AdminContext = {
  userId: string;
  email: string;
  displayName: string;
  /** The only organization an admin request may read or change: from the session, never from input. */
  organizationId: string;
};

/** Who is calling, from the session alone. */
export type Caller =
  | { kind: "anonymous" }
  | { kind: "signed-in"; email: string }
  | { kind: "admin"; context: AdminContext };

export const getCaller = cache(async (): Promise<Caller> => {
  const session = await auth();
  const email = session?.user?.email;
  const userId = session?.user?.id;
  if (!email || !userId) return { kind: "anonymous" };
  const membership = await findAdminMembership(getDb(), email);
  if (!membership) return { kind: "signed-in", email };
  return { kind: "admin", context: { userId, email, ...membership } };
});

/** A signed-in admin and their organization, or null. */
export async function getAdminContext(): Promise<AdminContext | null> {
  const caller = await getCaller();
  return caller.kind === "admin" ? caller.context : null;
}

/** For console pages: anonymous callers and non-admins are sent to the sign-in page. */
export async function requireAdmin(): Promise<AdminContext> {
  const context = await getAdminContext();
  if (!context) redirect("/sign-in");
  return context;
}
