import { getDb } from "@/db/client";
import { getCaller } from "@/lib/auth/caller";
import { deliveryHealthJson, readDeliveryHealth } from "@/lib/email/delivery-health";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * Whether email delivery is failing, for the console's banner to follow without a reload (it reads
 * this every 15 s while the page is visible). Admins only, as the console is: 401 without a session,
 * 403 for a signed-in non-admin. The same for every organization: the provider's key is the
 * deployment's. It takes no input and answers the provider's words and a time, never the key.
 */
export async function GET() {
  const caller = await getCaller();
  if (caller.kind === "anonymous") return Response.json({ message: "Sign in as an admin to see delivery health." }, { status: 401, headers: NO_STORE });
  if (caller.kind !== "admin") return Response.json({ message: "Only admins see delivery health." }, { status: 403, headers: NO_STORE });
  return Response.json(deliveryHealthJson(await readDeliveryHealth(getDb(), new Date())), { headers: NO_STORE });
}
