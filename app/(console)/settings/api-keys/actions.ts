"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/api-keys";
import { adminAction } from "@/lib/auth/admin-action";
import { success } from "@/lib/result";
import { createApiKeySchema, revokeApiKeySchema } from "@/lib/validation/api-keys";

/** Create API key: the secret is in this answer once, and nowhere else ever again. */
export const createApiKeyAction = adminAction(createApiKeySchema, async ({ name }, admin) => {
  const created = await createApiKey(getDb(), { organizationId: admin.organizationId, name, actorEmail: admin.email, now: new Date() });
  revalidatePath("/settings/api-keys");
  return success({ name: created.name, secret: created.secret });
});

/** Revoke: a key of another organization (or one already revoked) is answered 404. */
export const revokeApiKeyAction = adminAction(revokeApiKeySchema, async ({ apiKeyId }, admin) => {
  const revoked = await revokeApiKey(getDb(), { organizationId: admin.organizationId, apiKeyId, actorEmail: admin.email, now: new Date() });
  if (!revoked) notFound();
  revalidatePath("/settings/api-keys");
  return success(null);
});
