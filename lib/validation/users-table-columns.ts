import { z } from "@/lib/validation/zod";
import { inTableOrder, optionalUserColumns } from "@/lib/users/optional-columns";

/** The optional Users table columns an admin chose to show: known ones only, each once. */
export const usersTableColumnsSchema = z.object({
  columns: z
    .array(z.enum(optionalUserColumns, { error: "Unknown column." }))
    .max(optionalUserColumns.length, "Unknown column.")
    .transform(inTableOrder),
});
