import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { listApiKeys } from "@/lib/api-keys/api-keys";
import { requireAdmin } from "@/lib/auth/caller";
import { ApiKeysPanel } from "./api-keys-panel";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const admin = await requireAdmin();
  const keys = await listApiKeys(getDb(), admin.organizationId);
  return (
    <div className="max-w-4xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">API keys</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          A key lets a program use the REST API (<code>/api/v1</code>) as this organization: invite, list, change and remove
          users. Its description is at <a className="underline" href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
        </p>
      </div>
      <ApiKeysPanel
        keys={keys.map((key) => ({
          id: key.id,
          name: key.name,
          createdAt: key.createdAt.toISOString(),
          createdBy: key.createdBy,
          lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
        }))}
      />
    </div>
  );
}
