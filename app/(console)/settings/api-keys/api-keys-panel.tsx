"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogTitle } from "@/components/ui/dialog";
import { FieldError, Input, Label } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { resultOfCall } from "@/lib/actions/failed-call";
import { formatDateTime } from "@/lib/format-date";
import { MAX_API_KEY_NAME_LENGTH, createApiKeySchema } from "@/lib/validation/api-keys";
import { fieldErrorsFromZod, type FieldErrors } from "@/lib/validation/field-errors";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";

type KeyRow = { id: string; name: string; createdAt: string; createdBy: string; lastUsedAt: string | null };

export function ApiKeysPanel({ keys }: { keys: KeyRow[] }) {
  return (
    <div className="space-y-8">
      <CreateApiKeyForm />
      <ApiKeysTable keys={keys} />
    </div>
  );
}

function CreateApiKeyForm() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function create(event: React.FormEvent) {
    event.preventDefault();
    const parsed = createApiKeySchema.safeParse({ name });
    if (!parsed.success) {
      setErrors(fieldErrorsFromZod(parsed.error));
      return;
    }
    startTransition(async () => {
      const result = await resultOfCall(createApiKeyAction({ name }));
      if (result.ok) {
        setErrors({});
        setMessage(null);
        setName("");
        setCreated(result.data);
        router.refresh();
      } else {
        setErrors(result.fieldErrors ?? {});
        setMessage(result.message);
      }
    });
  }

  return (
    <section aria-labelledby="create-api-key" className="space-y-4">
      <h2 id="create-api-key" className="text-lg font-semibold">
        Create API key
      </h2>
      <form onSubmit={create} className="flex flex-wrap items-end gap-3" noValidate>
        <div className="w-72 space-y-2">
          <Label htmlFor="apiKeyName">Key name</Label>
          <Input
            id="apiKeyName"
            name="name"
            value={name}
            maxLength={MAX_API_KEY_NAME_LENGTH}
            onChange={(event) => setName(event.target.value)}
            aria-invalid={Boolean(errors.name)}
            aria-describedby={errors.name ? "apiKeyName-error" : undefined}
          />
          <FieldError id="apiKeyName-error" messages={errors.name} />
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create API key"}
        </Button>
      </form>
      {message ? <Alert tone="danger">{message}</Alert> : null}
      {created ? <NewSecret name={created.name} secret={created.secret} onDone={() => setCreated(null)} /> : null}
    </section>
  );
}

/** The secret, once: it is not stored, so this is the only time anyone can read it. */
function NewSecret({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      toast.success("API key copied.");
    } catch {
      toast.error("Copying is not allowed here: select the key and copy it yourself.");
    }
  }
  return (
    <div role="region" aria-label="New API key" className="space-y-3 rounded-md border p-4">
      <p className="text-sm">
        API key “{name}” created. Copy it now: <strong>it will not be shown again.</strong>
      </p>
      <div className="flex gap-2">
        <Label htmlFor="newApiKey" className="sr-only">
          New API key
        </Label>
        <Input id="newApiKey" readOnly value={secret} className="font-mono" onFocus={(event) => event.currentTarget.select()} />
        <Button type="button" variant="outline" onClick={copy}>
          Copy
        </Button>
      </div>
      <Button type="button" variant="outline" onClick={onDone}>
        Done
      </Button>
    </div>
  );
}

function ApiKeysTable({ keys }: { keys: KeyRow[] }) {
  const [revoking, setRevoking] = useState<KeyRow | null>(null);
  return (
    <section aria-labelledby="api-keys" className="space-y-3">
      <h2 id="api-keys" className="text-lg font-semibold">
        Keys
      </h2>
      {keys.length === 0 ? (
        <p className="text-sm text-muted-foreground">No API keys yet.</p>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Created</TableHead>
              <TableHead>Last used</TableHead>
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {keys.map((key) => (
              <TableRow key={key.id} data-api-key-id={key.id}>
                <TableCell className="font-medium">{key.name}</TableCell>
                <TableCell>
                  {formatDateTime(new Date(key.createdAt))} <span className="text-muted-foreground">by {key.createdBy}</span>
                </TableCell>
                <TableCell>{key.lastUsedAt ? formatDateTime(new Date(key.lastUsedAt)) : "Never"}</TableCell>
                <TableCell className="text-right">
                  <Button type="button" variant="outline" size="sm" onClick={() => setRevoking(key)} aria-label={`Revoke ${key.name}`}>
                    Revoke
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {revoking ? <RevokeDialog apiKey={revoking} onClose={() => setRevoking(null)} /> : null}
    </section>
  );
}

function RevokeDialog({ apiKey, onClose }: { apiKey: KeyRow; onClose: () => void }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  function revoke() {
    startTransition(async () => {
      const result = await resultOfCall(revokeApiKeyAction({ apiKeyId: apiKey.id }));
      if (!result.ok) {
        setMessage(result.message);
        return;
      }
      toast.success(`API key “${apiKey.name}” revoked.`);
      onClose();
      router.refresh();
    });
  }
  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent>
        <DialogTitle>Revoke API key “{apiKey.name}”?</DialogTitle>
        <DialogDescription>Every request made with it is refused from now on. This cannot be undone.</DialogDescription>
        {message ? <Alert tone="danger">{message}</Alert> : null}
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline">Cancel</Button>
          </DialogClose>
          <Button variant="destructive" disabled={pending} onClick={revoke}>
            {pending ? "Revoking…" : "Revoke"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
