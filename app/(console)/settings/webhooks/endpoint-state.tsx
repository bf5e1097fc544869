import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/format-date";
import type { WebhookEndpointRow } from "@/lib/webhooks/webhook-endpoints";

/** Active, failing since …, or disabled and why. */
export function EndpointState({ endpoint }: { endpoint: Pick<WebhookEndpointRow, "failingSince" | "disabledAt" | "disabledReason"> }) {
  if (endpoint.disabledAt) {
    return (
      <span className="space-y-1">
        <Badge tone="danger">Disabled</Badge>{" "}
        <span className="text-xs text-muted-foreground">
          since {formatDateTime(endpoint.disabledAt)}. {endpoint.disabledReason}
        </span>
      </span>
    );
  }
  if (endpoint.failingSince) return <Badge tone="warning">Failing since {formatDateTime(endpoint.failingSince)}</Badge>;
  return <Badge tone="success">Active</Badge>;
}
