// `npm run bench:delivery`: 10,000 invitations committed in one go, then delivered through the real
// outbox workers and the `resend` SDK to the fake Resend server, rate-limited like Resend (2 and 10
// requests per second, 100 emails a call). Prints the commit time, the delivery time, emails per
// second and that as a share of the provider's ceiling, and checks each recipient arrived once.
import type { AddressInfo } from "node:net";
import { createScratchDatabase } from "@/test/support/test-database";
import { startFakeResend } from "@/e2e/support/fake-resend-server";
import { startDeliveryLoops, wakeDeliveryWorkers } from "@/lib/email/delivery-loop";
import { MAX_BATCH_SIZE } from "@/lib/email/delivery-worker";
import { resendProvider } from "@/lib/email/resend-provider";
import { inviteUsers } from "@/lib/invitations/invite-users";
import { ensureDefaultOrganization, saveInvitationSettings } from "@/lib/organizations/invitation-setup";

const INVITATIONS = 10_000;
const API_KEY = "re_bench_delivery";
process.env.RESEND_API_KEY = API_KEY; // queue for the Resend transport

async function run(requestsPerSecond: number) {
  const handle = await createScratchDatabase({ prefix: "roster_bench_delivery" });
  const provider = startFakeResend({ port: 0, apiKey: API_KEY });
  await new Promise((resolve) => provider.server.once("listening", resolve));
  provider.faults.requestsPerSecond = requestsPerSecond;
  const baseUrl = `http://127.0.0.1:${(provider.server.address() as AddressInfo).port}`;
  try {
    const organization = await ensureDefaultOrganization(handle.db);
    await saveInvitationSettings(handle.db, {
      organizationId: organization.id,
      actorEmail: "admin@example.com",
      settings: { organizationName: "Acme Robotics", contactEmail: "people@acme.test", customMessage: "Welcome!", validityDays: 30 },
      now: new Date(),
    });
    const rows = Array.from({ length: INVITATIONS }, (_, index) => ({
      firstName: "Person",
      lastName: String(index),
      email: `person.${index}@example.com`,
      role: "member" as const,
    }));

    const commitStart = performance.now();
    const invited = await inviteUsers(handle.db, {
      organizationId: organization.id,
      inviter: { userId: null, email: "admin@example.com", displayName: "Grace Hopper" },
      rows,
      now: new Date(),
    });
    const commitMs = performance.now() - commitStart;
    if (!invited.ok) throw new Error(invited.message);

    const transport = resendProvider({ apiKey: API_KEY, baseUrl, requestsPerSecond, timeoutMs: 15_000 });
    const deliveryStart = performance.now();
    const loops = startDeliveryLoops(handle.db, transport, 2);
    wakeDeliveryWorkers();
    const deadline = deliveryStart + (INVITATIONS / (requestsPerSecond * MAX_BATCH_SIZE)) * 1000 * 4 + 30_000;
    while (provider.recorded.length < INVITATIONS && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const deliveryMs = performance.now() - deliveryStart;
    await loops.stop();

    const perRecipient = new Map<string, number>();
    for (const email of provider.recorded) for (const to of email.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    const duplicates = [...perRecipient.values()].filter((count) => count > 1).length;
    const missing = rows.filter((row) => !perRecipient.has(row.email)).length;
    const rate = provider.recorded.length / (deliveryMs / 1000);
    const ceiling = requestsPerSecond * MAX_BATCH_SIZE;
    return { requestsPerSecond, commitMs, deliveryMs, rate, ceiling, duplicates, missing, calls: provider.stats.requests, limited: provider.stats.rateLimited, label: handle.driver };
  } finally {
    provider.server.close();
    await handle.close();
  }
}

async function main() {
  console.log(`Delivery benchmark: ${INVITATIONS.toLocaleString("en")} invitations, ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite (in memory)"}, Node ${process.version}`);
  const results = [];
  for (const rps of [2, 10]) results.push(await run(rps));
  console.log("\n  req/s  commit s  delivery s  emails/s  ceiling/s  share   calls  429s  duplicates  missing");
  for (const r of results) {
    console.log(
      `  ${String(r.requestsPerSecond).padStart(5)}  ${(r.commitMs / 1000).toFixed(2).padStart(8)}  ${(r.deliveryMs / 1000).toFixed(2).padStart(10)}  ${r.rate.toFixed(0).padStart(8)}  ${String(r.ceiling).padStart(9)}  ${((r.rate / r.ceiling) * 100).toFixed(1).padStart(5)}%  ${String(r.calls).padStart(6)}  ${String(r.limited).padStart(4)}  ${String(r.duplicates).padStart(10)}  ${String(r.missing).padStart(7)}`,
    );
  }
  for (const r of results) {
    const ok = r.commitMs < 5000 && r.rate / r.ceiling >= 0.9 && r.duplicates === 0 && r.missing === 0;
    console.log(`${r.requestsPerSecond} req/s: commit under 5 s ${r.commitMs < 5000 ? "holds" : "MISSED"}; delivery at 90 % of the ceiling or better ${r.rate / r.ceiling >= 0.9 ? "holds" : "MISSED"}; each recipient once ${r.duplicates === 0 && r.missing === 0 ? "holds" : "MISSED"} → ${ok ? "MET" : "NOT MET"}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
