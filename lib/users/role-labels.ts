import type { MemberRole } from "@/db/schema";

/** A user's role as the console and the CSV export name it (the API says "member" and "admin"). */
export const roleLabels: Record<MemberRole, string> = { member: "Member", admin: "Admin" };
