import Link from "next/link";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { Toaster } from "sonner";
import { SignOutButton } from "@/components/sign-out-button";
import { getDb } from "@/db/client";
import { getCaller, requireAdmin } from "@/lib/auth/caller";
import { administered } from "@/lib/auth/memberships";
import { deliveryHealthJson, readDeliveryHealth } from "@/lib/email/delivery-health";
import { MAX_DELIVERY_ATTEMPTS } from "@/lib/email/delivery-worker";
import { listDisabledWebhookEndpoints } from "@/lib/webhooks/webhook-endpoints";
import { ConsoleNav } from "./console-nav";
import { DeliveryHealthBanner } from "./delivery-health-banner";
import { OrganizationSwitcher } from "./organization-switcher";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const admin = await requireAdmin();
  const caller = await getCaller(); // cached: the same read requireAdmin made
  const organizations = caller.kind === "admin" ? administered(caller.memberships).map((one) => ({ id: one.organizationId, name: one.organizationName })) : [];
  const [disabledEndpoints, deliveryHealth] = await Promise.all([
    listDisabledWebhookEndpoints(getDb(), admin.organizationId),
    readDeliveryHealth(getDb(), new Date()),
  ]);
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <aside className="border-b border-border bg-muted/40 md:w-56 md:shrink-0 md:border-b-0 md:border-r">
        <div className="flex items-center justify-between px-4 py-4 md:block">
          <Link href="/users" className="text-lg font-semibold">
            Roster
          </Link>
        </div>
        <ConsoleNav />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center justify-end gap-3 border-b border-border px-4 py-2 text-sm">
          <div className="mr-auto min-w-0">
            <OrganizationSwitcher current={{ id: admin.organizationId, name: admin.organizationName }} organizations={organizations} />
          </div>
          <span className="truncate text-muted-foreground">{admin.email}</span>
          <Link href="/account" className="whitespace-nowrap underline-offset-4 hover:underline">
            My account
          </Link>
          <SignOutButton />
        </header>
        {/* Keyed by what the server read: a fresh render of the layout replaces what the banner last fetched. */}
        <DeliveryHealthBanner key={JSON.stringify(deliveryHealthJson(deliveryHealth))} initial={deliveryHealthJson(deliveryHealth)} maxAttempts={MAX_DELIVERY_ATTEMPTS} />
        {disabledEndpoints.length > 0 ? (
          <div role="alert" className="space-y-1 border-b border-destructive/40 bg-destructive/10 px-4 py-2 text-sm text-destructive">
            {disabledEndpoints.map((endpoint) => (
              <p key={endpoint.id}>
                Webhook endpoint <span className="break-all font-medium">{endpoint.url}</span> was disabled: {endpoint.disabledReason}{" "}
                It gets no events until you{" "}
                <Link href="/settings/webhooks" className="underline underline-offset-2">
                  re-enable it on the Webhooks page
                </Link>
                ; deliveries that were waiting go out then.
              </p>
            ))}
          </div>
        ) : null}
        <main className="flex-1 p-4 md:p-8">
          {/* The tables keep their view in the URL through nuqs (components/data-table/use-data-table.ts). */}
          <NuqsAdapter>{children}</NuqsAdapter>
        </main>
        {/* Toasts are the console's: the public pages (sign-in, join) ship without them. */}
        <Toaster closeButton position="top-right" theme="system" />
      </div>
    </div>
  );
}
