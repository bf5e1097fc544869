import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { webhookEventTypes } from "@/db/schema";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireAdmin } from "@/lib/auth/caller";
import { listWebhookEndpoints } from "@/lib/webhooks/webhook-endpoints";
import { AddEndpointForm } from "./add-endpoint-form";
import { EndpointActions } from "./endpoint-actions";
import { EndpointState } from "./endpoint-state";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const admin = await requireAdmin();
  const endpoints = await listWebhookEndpoints(getDb(), admin.organizationId);
  return (
    <div className="max-w-5xl space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">Webhooks</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          Roster posts each event you choose to your endpoints as JSON, signed per Standard Webhooks, and retries until it is
          answered with a 2xx.
        </p>
      </div>
      <AddEndpointForm eventTypes={[...webhookEventTypes]} />
      <section aria-labelledby="endpoints-heading" className="space-y-3">
        <h2 id="endpoints-heading" className="text-lg font-semibold">
          Endpoints
        </h2>
        {endpoints.length === 0 ? (
          <p className="text-sm text-muted-foreground">No endpoints yet. Add one above to receive events.</p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Endpoint URL</TableHead>
                <TableHead>Events</TableHead>
                <TableHead>State</TableHead>
                <TableHead>
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {endpoints.map((endpoint) => (
                <TableRow key={endpoint.id} data-endpoint-id={endpoint.id}>
                  <TableCell className="max-w-xs break-all">
                    <Link href={`/settings/webhooks/${endpoint.id}`} className="underline underline-offset-2">
                      {endpoint.url}
                    </Link>
                  </TableCell>
                  <TableCell className="text-xs">{endpoint.events.join(", ")}</TableCell>
                  <TableCell>
                    <EndpointState endpoint={endpoint} />
                  </TableCell>
                  <TableCell className="text-right">
                    <EndpointActions endpoint={{ id: endpoint.id, url: endpoint.url, disabled: Boolean(endpoint.disabledAt) }} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </section>
    </div>
  );
}
