import type { UserListPosition } from "@/lib/users/user-object";

/**
 * The list's `nextCursor`: opaque to clients (base64url), a position in the keyset order underneath
 * (the last user's invitedAt in microseconds and id). Anything else a client sends is refused (null).
 */
const POSITION = /^(\d{1,16})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function encodeCursor(position: UserListPosition): string {
  return Buffer.from(`${position.invitedAtMicros}.${position.id}`, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): UserListPosition | null {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(cursor)) return null;
  const match = POSITION.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  return match ? { invitedAtMicros: match[1]!, id: match[2]! } : null;
}
