import { and, asc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { emailBatches, emails, type Email } from "@/db/schema";
import type { EmailBodies } from "./email-template";
import type { MailTransport } from "./mail-transport";
import { recordProviderAnswer } from "./delivery-health";
import { withBodies } from "./outbox";
import { pauseProvider, reserveProviderSlot, takeProviderCall } from "./provider-pacing";

/** Resend accepts at most 100 emails in one batch call. */
export const MAX_BATCH_SIZE = 100;
/**
 * A batch that fails this many times is marked failed. Its emails keep their bodies (the provider never
 * had them): a send's Retry failed queues them again with the same links (lib/sends/sends.ts).
 */
export const MAX_DELIVERY_ATTEMPTS = 8;
export const LEASE_MS = 60_000;
/**
 * With the key refused, every instance calls the provider once this often, with a batch it hands
 * back unsent: slow enough to cost nothing (4 calls a minute against a limit of 2 a second) and to
 * leave the provider's logs readable, quick enough that mail flows within seconds of the key working.
 */
export const KEY_REFUSED_RETRY_MS = 15_000;
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_CAP_MS = 5 * 60_000;

export type WorkerOptions = {
  transport: MailTransport;
  now?: () => Date;
  random?: () => number;
  leaseMs?: number;
  sleep?: (ms: number) => Promise<void>;
};

export type RoundResult =
  | { state: "idle" }
  | { state: "waiting"; ms: number }
  | { state: "delivered"; sent: number; failed: number; retrying: number };

const after = (date: Date, ms: number) => new Date(date.getTime() + ms);
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Exponential backoff with jitter: about 1 s, 2 s, 4 s … up to 5 minutes, each between half and all of it. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * One step of the outbox: claim a batch that is due again, or form a new one from queued emails;
 * send it with an idempotency key derived from the batch; record what happened. Safe with any
 * number of workers in any number of instances: claims use FOR UPDATE SKIP LOCKED and a lease.
 */
export async function deliverNextBatch(db: Database, options: WorkerOptions): Promise<RoundResult> {
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? defaultSleep;
  const { transport } = options;
  const leaseMs = options.leaseMs ?? LEASE_MS;

  const batch = (await claimDueBatch(db, transport, now(), leaseMs)) ?? (await formBatch(db, transport, now(), leaseMs));
  if (!batch) return { state: "idle" };

  // Everything but the call itself happens before waiting for our slot, so that calls reach the
  // provider as evenly spaced as they were reserved.
  const { attempts, batchEmails } = await startAttempt(db, batch.id);
  if (batchEmails.length === 0) {
    await db.update(emailBatches).set({ status: "sent", claimedUntil: null }).where(eq(emailBatches.id, batch.id));
    return { state: "delivered", sent: 0, failed: 0, retrying: 0 };
  }

  const waitMs = await reserveProviderSlot(db, transport, now);
  if (waitMs > 0) {
    if (waitMs > leaseMs / 2) {
      // Paused by the provider for longer than our lease: hand the batch back, unsent, until then.
      await db
        .update(emailBatches)
        .set({ attempts: sql`${emailBatches.attempts} - 1`, claimedUntil: null, nextAttemptAt: after(now(), waitMs) })
        .where(eq(emailBatches.id, batch.id));
      return { state: "waiting", ms: waitMs };
    }
    await sleep(waitMs);
  }
  const holdMs = await takeProviderCall(db, transport, now);
  if (holdMs > 0) await sleep(holdMs);

  const outcome = await transport.sendBatch(
    batchEmails.map((email) => ({
      from: email.fromAddress,
      to: email.toAddress,
      subject: email.subject,
      html: email.html,
      text: email.text,
      replyTo: email.replyTo,
    })),
    `roster-batch/${batch.id}`,
  );
  const ids = batchEmails.map((email) => email.id);

  await recordProviderAnswer(db, transport, outcome, now());

  if (outcome.ok) {
    // One statement for the whole batch: each email with the id the provider gave it.
    const providerIds = sql.join(
      batchEmails.map((email, index) => sql`(${email.id}::uuid, ${transport.name === "capture" ? null : (outcome.providerMessageIds[index] ?? null)}::text)`),
      sql`, `,
    );
    // Provider mail carries a live link: once the provider has it, we no longer keep it.
    const keepBodies = transport.name === "capture";
    await db.transaction(async (tx) => {
      await tx.execute(sql`
        update ${emails} set
          status = 'sent', sent_at = ${now().toISOString()}::timestamptz, attempts = ${attempts}, last_error = null,
          provider_message_id = sent.provider_id,
          html = case when ${keepBodies} then ${emails.html} else null end,
          text = case when ${keepBodies} then ${emails.text} else null end,
          variables = case when ${keepBodies} then ${emails.variables} else null end
        from (values ${providerIds}) as sent(id, provider_id)
        where ${emails.id} = sent.id`);
      await tx.update(emailBatches).set({ status: "sent", claimedUntil: null }).where(eq(emailBatches.id, batch.id));
    });
    return { state: "delivered", sent: batchEmails.length, failed: 0, retrying: 0 };
  }

  if (outcome.kind === "rate_limited" || outcome.kind === "key_refused") {
    // Nothing was sent: this attempt does not count, and every instance waits, as a 429 asks, or
    // until the next probe of a refused key. The emails stay queued: none fails for a key problem.
    const waitMs = outcome.kind === "rate_limited" ? outcome.retryAfterMs : KEY_REFUSED_RETRY_MS;
    await pauseProvider(db, transport, after(now(), waitMs));
    await db
      .update(emailBatches)
      .set({ attempts: sql`${emailBatches.attempts} - 1`, claimedUntil: null, nextAttemptAt: after(now(), waitMs) })
      .where(eq(emailBatches.id, batch.id));
    await db.update(emails).set({ lastError: outcome.error }).where(inArray(emails.id, ids));
    return { state: "waiting", ms: waitMs };
  }

  if (outcome.kind === "rejected" && batchEmails.length > 1) {
    // The provider sent none of them; one address may be the cause. Each goes on alone.
    await splitBatch(db, batch.id, batchEmails, transport);
    return { state: "delivered", sent: 0, failed: 0, retrying: batchEmails.length };
  }

  const giveUp = outcome.kind === "rejected" || attempts >= MAX_DELIVERY_ATTEMPTS;
  await db.transaction(async (tx) => {
    await tx
      .update(emails)
      .set({ attempts, lastError: outcome.error, ...(giveUp ? { status: "failed" as const } : {}) })
      .where(inArray(emails.id, ids));
    await tx
      .update(emailBatches)
      .set(
        giveUp
          ? { status: "failed", claimedUntil: null }
          : { claimedUntil: null, nextAttemptAt: after(now(), backoffMs(attempts, options.random)) },
      )
      .where(eq(emailBatches.id, batch.id));
  });
  return giveUp
    ? { state: "delivered", sent: 0, failed: batchEmails.length, retrying: 0 }
    : { state: "delivered", sent: 0, failed: 0, retrying: batchEmails.length };
}

/** A batch whose retry is due and whose lease (if any) has run out, e.g. its worker died. */
async function claimDueBatch(db: Database, transport: MailTransport, now: Date, leaseMs: number) {
  const due = db
    .select({ id: emailBatches.id })
    .from(emailBatches)
    .where(
      and(
        eq(emailBatches.status, "pending"),
        eq(emailBatches.transport, transport.name),
        lte(emailBatches.nextAttemptAt, now),
        or(isNull(emailBatches.claimedUntil), lte(emailBatches.claimedUntil, now)),
      ),
    )
    .orderBy(asc(emailBatches.nextAttemptAt))
    .limit(1)
    .for("update", { skipLocked: true });
  const [claimed] = await db
    .update(emailBatches)
    .set({ claimedUntil: after(now, leaseMs) })
    .where(inArray(emailBatches.id, due))
    .returning({ id: emailBatches.id });
  return claimed ?? null;
}

/** Up to 100 queued emails not yet in a batch become a new batch, claimed by this worker. */
async function formBatch(db: Database, transport: MailTransport, now: Date, leaseMs: number) {
  return db.transaction(async (tx) => {
    const queued = await tx
      .select({ id: emails.id })
      .from(emails)
      .where(and(eq(emails.status, "queued"), isNull(emails.batchId), eq(emails.transport, transport.name)))
      .orderBy(asc(emails.createdAt))
      .limit(MAX_BATCH_SIZE)
      .for("update", { skipLocked: true });
    if (queued.length === 0) return null;
    const [batch] = await tx
      .insert(emailBatches)
      .values({ transport: transport.name, claimedUntil: after(now, leaseMs), nextAttemptAt: now })
      .returning({ id: emailBatches.id });
    await tx
      .update(emails)
      .set({ batchId: batch!.id })
      .where(inArray(emails.id, queued.map((row) => row.id)));
    return batch!;
  });
}

/**
 * Counts the attempt and reads the batch's emails in one transaction. From here on the batch is
 * frozen: cancellation only touches batches never attempted (see cancelQueuedEmails), so every retry
 * sends exactly what the first attempt sent, under the same idempotency key.
 */
async function startAttempt(
  db: Database,
  batchId: string,
): Promise<{ attempts: number; batchEmails: (Email & EmailBodies)[] }> {
  return db.transaction(async (tx) => {
    const [batch] = await tx
      .update(emailBatches)
      .set({ attempts: sql`${emailBatches.attempts} + 1` })
      .where(eq(emailBatches.id, batchId))
      .returning({ attempts: emailBatches.attempts });
    const batchEmails = await tx
      .select()
      .from(emails)
      .where(and(eq(emails.batchId, batchId), eq(emails.status, "queued")))
      .orderBy(asc(emails.createdAt), asc(emails.id));
    return { attempts: batch!.attempts, batchEmails: await withBodies(tx, batchEmails) };
  });
}

async function splitBatch(db: Database, batchId: string, batchEmails: Email[], transport: MailTransport) {
  await db.transaction(async (tx) => {
    for (const email of batchEmails) {
      const [single] = await tx.insert(emailBatches).values({ transport: transport.name }).returning({ id: emailBatches.id });
      await tx.update(emails).set({ batchId: single!.id }).where(eq(emails.id, email.id));
    }
    await tx.update(emailBatches).set({ status: "sent", claimedUntil: null }).where(eq(emailBatches.id, batchId));
  });
}
