import { z } from "@/lib/validation/zod";

/** A send named by the browser: its id. Whose it is, the server checks. */
export const sendIdSchema = z.object({ sendId: z.uuid("Unknown send.") });
