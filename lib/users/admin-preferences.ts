import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { adminPreferences } from "@/db/schema";
import { inTableOrder, type OptionalUserColumn } from "./optional-columns";

/** The optional columns this admin shows in the Users table; none until they choose. */
export async function getUsersTableColumns(db: Database, userId: string): Promise<OptionalUserColumn[]> {
  const [row] = await db
    .select({ columns: adminPreferences.usersTableColumns })
    .from(adminPreferences)
    .where(eq(adminPreferences.userId, userId));
  // A column a later release drops is forgotten rather than shown.
  return inTableOrder(row?.columns ?? []);
}

export async function saveUsersTableColumns(db: Database, input: { userId: string; columns: OptionalUserColumn[]; now: Date }): Promise<void> {
  await db
    .insert(adminPreferences)
    .values({ userId: input.userId, usersTableColumns: input.columns, updatedAt: input.now })
    .onConflictDoUpdate({ target: adminPreferences.userId, set: { usersTableColumns: input.columns, updatedAt: input.now } });
}
