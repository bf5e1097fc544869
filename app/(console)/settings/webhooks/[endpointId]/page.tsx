import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireAdmin } from "@/lib/auth/caller";
import { formatDateTime } from "@/lib/format-date";
import { webhookEndpointIdSchema } from "@/lib/validation/webhook-endpoint";
import { findWebhookEndpoint, listRecentDeliveries, RECENT_DELIVERIES } from "@/lib/webhooks/webhook-endpoints";
import { EndpointActions } from "../endpoint-actions";
import { EndpointState } from "../endpoint-state";
import { ResendDeliveryButton } from "./resend-delivery-button";

export const metadata: Metadata = { title: "Webhook endpoint" };

function DeliveryStatus({ status, nextAttemptAt }: { status: "pending" | "succeeded" | "failed"; nextAttemptAt: Date }) {
  if (status === "succeeded") return <Badge tone="success">Delivered</Badge>;
  if (status === "failed") return <Badge tone="danger">Failed</Badge>;
  return <Badge tone="warning">Pending, next try {formatDateTime(nextAttemptAt)}</Badge>;
}

export default async function WebhookEndpointPage({ params }: { params: Promise<{ endpointId: string }> }) {
  const admin = await requireAdmin();
  const parsed = webhookEndpointIdSchema.safeParse({ endpointId: (await params).endpointId });
  if (!parsed.success) notFound();
  const endpoint = await findWebhookEndpoint(getDb(), admin.organizationId, parsed.data.endpointId);
  if (!endpoint) notFound();
  const deliveries = await listRecentDeliveries(getDb(), endpoint.id);
  return (
    <div className="max-w-5xl space-y-6">
      <div className="space-y-2">
        <Link href="/settings/webhooks" className="text-sm text-muted-foreground underline underline-offset-2">
          ← Webhooks
        </Link>
        <h1 className="break-all text-2xl font-semibold">{endpoint.url}</h1>
        <p className="text-sm text-muted-foreground">Events: {endpoint.events.join(", ")}</p>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <EndpointState endpoint={endpoint} />
          <EndpointActions endpoint={{ id: endpoint.id, url: endpoint.url, disabled: Boolean(endpoint.disabledAt) }} afterRemove="/settings/webhooks" />
        </div>
      </div>
      <section aria-labelledby="deliveries-heading" className="space-y-3">
        <h2 id="deliveries-heading" className="text-lg font-semibold">
          Recent deliveries
        </h2>
        {deliveries.length === 0 ? (
          <p className="text-sm text-muted-foreground">No events sent to this endpoint yet.</p>
        ) : (
          <Table aria-label="Recent deliveries">
            <TableHeader>
              <TableRow>
                <TableHead>Event</TableHead>
                <TableHead>Time</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Status code</TableHead>
                <TableHead>Attempts</TableHead>
                <TableHead>Last error</TableHead>
                <TableHead>
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {deliveries.map((delivery) => (
                <TableRow key={delivery.id} data-delivery-id={delivery.id} data-webhook-id={delivery.messageId}>
                  <TableCell className="font-mono text-xs">{delivery.type}</TableCell>
                  <TableCell className="whitespace-nowrap text-xs">{formatDateTime(delivery.lastAttemptAt ?? delivery.createdAt)}</TableCell>
                  <TableCell>
                    <DeliveryStatus status={delivery.status} nextAttemptAt={delivery.nextAttemptAt} />
                  </TableCell>
                  <TableCell>{delivery.lastStatusCode ?? "—"}</TableCell>
                  <TableCell>{delivery.attempts}</TableCell>
                  <TableCell className="max-w-xs break-words text-xs">{delivery.lastError ?? ""}</TableCell>
                  <TableCell className="text-right">
                    <ResendDeliveryButton deliveryId={delivery.id} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <p className="text-xs text-muted-foreground">
          The newest {RECENT_DELIVERIES} deliveries. Attempts count from when the event was first queued, or last resent.
        </p>
      </section>
    </div>
  );
}
