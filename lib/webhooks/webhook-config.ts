import { authSecret } from "@/lib/config";
import { endpointPolicyFromEnv } from "./endpoint-address";
import type { WebhookWorkerOptions } from "./webhook-worker";

/** The workers' settings from the environment: the address rules and the key that opens secrets. */
export function webhookWorkerOptionsFromEnv(): WebhookWorkerOptions {
  return { policy: endpointPolicyFromEnv(), authSecret: authSecret() };
}
