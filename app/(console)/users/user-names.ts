import type { UserRow } from "@/lib/users/list-users";

export const usersCount = (count: number) => (count === 1 ? "1 user" : `${count.toLocaleString("en")} users`);
export const fullName = (user: Pick<UserRow, "firstName" | "lastName">) => `${user.firstName} ${user.lastName}`;
