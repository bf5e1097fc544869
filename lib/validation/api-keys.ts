import { z } from "@/lib/validation/zod";
import { isSingleLineText } from "./plain-text";

export const MAX_API_KEY_NAME_LENGTH = 100;

/** Create API key: the name the console and the Activity log show for it. */
export const createApiKeySchema = z.object({
  name: z
    .string({ error: "Enter a key name." })
    .trim()
    .min(1, "Enter a key name.")
    .max(MAX_API_KEY_NAME_LENGTH, `A key name has at most ${MAX_API_KEY_NAME_LENGTH} characters.`)
    .refine(isSingleLineText, "A key name cannot contain control or invisible formatting characters."),
});

export const revokeApiKeySchema = z.object({ apiKeyId: z.uuid("Unknown API key.") });
