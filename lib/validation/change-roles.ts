import { memberRoles } from "@/db/schema";
import { z } from "@/lib/validation/zod";
import { memberIdsSchema } from "./member-ids";

/** Change role: the selected users and the role they get. */
export const changeRolesSchema = memberIdsSchema.extend({
  role: z.enum(memberRoles, "Choose Member or Admin."),
});
