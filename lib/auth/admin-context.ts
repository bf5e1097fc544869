import { redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/auth";
import { getDb } from "@/db/client";
import { findAdminMembership } from "./admin-membership";

export type AdminContext = {
  userId: string;
  email: string;
  displayName: string;
  organizationId: string;
};

/** Who is calling, from the session alone: a signed-in admin and their organization, or null. */
export const getAdminContext = cache(async (): Promise<AdminContext | null> => {
  const session = await auth();
  const email = session?.user?.email;
  const userId = session?.user?.id;
  if (!email || !userId) return null;
  const membership = await findAdminMembership(getDb(), email);
  if (!membership) return null;
  return { userId, email, ...membership };
});

/** For console pages: anonymous callers and non-admins are sent to the sign-in page. */
export async function requireAdmin(): Promise<AdminContext> {
  const context = await getAdminContext();
  if (!context) redirect("/sign-in");
  return context;
}
