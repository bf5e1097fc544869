"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { FieldError, Input, Label } from "@/components/ui/input";
import type { WebhookEventType } from "@/db/schema";
import type { FieldErrors } from "@/lib/validation/field-errors";
import { addWebhookEndpointAction } from "./actions";

export function AddEndpointForm({ eventTypes }: { eventTypes: WebhookEventType[] }) {
  const router = useRouter();
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<WebhookEventType[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [pending, startTransition] = useTransition();

  function add(event: React.FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const result = await addWebhookEndpointAction({ url, events });
      if (result.ok) {
        setErrors({});
        setMessage(null);
        setUrl("");
        setEvents([]);
        setCopied(false);
        setSecret(result.data.secret);
        router.refresh();
      } else {
        setErrors(result.fieldErrors ?? {});
        setMessage(result.message);
      }
    });
  }

  async function copy() {
    if (!secret) return;
    await navigator.clipboard.writeText(secret).catch(() => undefined);
    setCopied(true);
  }

  const eventErrors = errors.events ?? Object.entries(errors).flatMap(([key, messages]) => (key.startsWith("events.") ? messages : []));
  return (
    <section aria-labelledby="add-endpoint-heading" className="space-y-4 rounded-lg border border-border p-4">
      <h2 id="add-endpoint-heading" className="text-lg font-semibold">
        Add endpoint
      </h2>
      {secret ? (
        <div className="space-y-2 rounded-md border border-border bg-muted p-3" role="status">
          <p className="text-sm font-medium">Endpoint added. Copy its signing secret now: it is shown only once.</p>
          <div className="flex gap-2">
            <Input aria-label="Signing secret" readOnly value={secret} className="font-mono text-xs" onFocus={(e) => e.target.select()} />
            <Button type="button" variant="outline" onClick={copy}>
              {copied ? "Copied" : "Copy"}
            </Button>
          </div>
          <p className="text-xs text-muted-foreground">Verify each request&apos;s webhook-signature with it (see the README).</p>
        </div>
      ) : null}
      <form onSubmit={add} className="space-y-4" noValidate>
        {message ? <Alert tone="danger">{message}</Alert> : null}
        <div className="space-y-2">
          <Label htmlFor="webhook-url">Endpoint URL</Label>
          <Input
            id="webhook-url"
            name="url"
            type="url"
            placeholder="https://example.com/webhooks/roster"
            value={url}
            maxLength={2000}
            onChange={(event) => setUrl(event.target.value)}
            aria-invalid={Boolean(errors.url)}
            aria-describedby={errors.url ? "webhook-url-error" : undefined}
          />
          <FieldError id="webhook-url-error" messages={errors.url} />
        </div>
        <fieldset className="space-y-2" aria-describedby={eventErrors.length ? "webhook-events-error" : undefined}>
          <legend className="text-sm font-medium">Events</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {eventTypes.map((type) => (
              <label key={type} className="flex items-center gap-2 font-mono text-sm">
                <Checkbox
                  name="events"
                  value={type}
                  checked={events.includes(type)}
                  onCheckedChange={(checked) => setEvents((current) => (checked ? [...current, type] : current.filter((one) => one !== type)))}
                />
                {type}
              </label>
            ))}
          </div>
          <FieldError id="webhook-events-error" messages={eventErrors.length ? eventErrors : undefined} />
        </fieldset>
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add endpoint"}
        </Button>
      </form>
    </section>
  );
}
