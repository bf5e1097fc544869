import { z } from "@/lib/validation/zod";
import { INVITATION_TOKEN_PATTERN } from "@/lib/invitations/token";

export const joinTokenSchema = z.object({
  token: z.string().regex(INVITATION_TOKEN_PATTERN, "This link is not a valid invitation link."),
});
