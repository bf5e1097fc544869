import { sql, type SQL } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

// ---------------------------------------------------------------------------
// Organizations and their invitation setup
// ---------------------------------------------------------------------------

export const organizations = pgTable("organizations", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  createdAt: createdAt(),
});

/** A row exists once an admin has saved "Set up user invitations"; until then nobody can be invited. */
export const invitationSettings = pgTable(
  "invitation_settings",
  {
    organizationId: uuid("organization_id")
      .primaryKey()
      .references(() => organizations.id, { onDelete: "cascade" }),
    contactEmail: text("contact_email"),
    customMessage: text("custom_message"),
    validityDays: integer("validity_days").notNull().default(30),
    /** Send a reminder this many days before a link expires; null: reminders are off. */
    reminderDaysBefore: integer("reminder_days_before").default(3),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("invitation_settings_validity_days", sql`${t.validityDays} between 1 and 90`),
    check("invitation_settings_custom_message_length", sql`char_length(${t.customMessage}) <= 1000`),
    check("invitation_settings_reminder_days_before", sql`${t.reminderDaysBefore} between 1 and 14`),
  ],
);

// ---------------------------------------------------------------------------
// Auth.js tables (Drizzle adapter). These are the people who can sign in.
// ---------------------------------------------------------------------------

export const authUsers = pgTable("auth_users", {
  id: text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  name: text("name"),
  email: text("email").unique(),
  emailVerified: timestamp("email_verified", { mode: "date", withTimezone: true }),
  image: text("image"),
});

export const authAccounts = pgTable(
  "auth_accounts",
  {
    userId: text("user_id")
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export const authSessions = pgTable("auth_sessions", {
  sessionToken: text("session_token").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => authUsers.id, { onDelete: "cascade" }),
  expires: timestamp("expires", { mode: "date", withTimezone: true }).notNull(),
  /**
   * The organization this signed-in browser works in (the switcher in the console header): part of
   * the session, never a client parameter. Null until the first switch; currentOrganization
   * (lib/organizations/switch-organization.ts) falls back to the oldest organization the person
   * administers, and ignores one they no longer do.
   */
  organizationId: uuid("organization_id").references(() => organizations.id, { onDelete: "set null" }),
});

export const authVerificationTokens = pgTable(
  "auth_verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { mode: "date", withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

// ---------------------------------------------------------------------------
// The organization's users (rows of the Users table) and their invitations
// ---------------------------------------------------------------------------

export const memberRoles = ["member", "admin"] as const;
export type MemberRole = (typeof memberRoles)[number];

export const members = pgTable(
  "members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    email: text("email").notNull(),
    role: text("role", { enum: memberRoles }).notNull().default("member"),
    /** When first invited; a resend does not change it. */
    invitedAt: timestamp("invited_at", { withTimezone: true }).notNull().defaultNow(),
    /** When an invitation was last resent: the one-a-minute resend limit counts from here. */
    resentAt: timestamp("resent_at", { withTimezone: true }),
    invitedByUserId: text("invited_by_user_id").references(() => authUsers.id, { onDelete: "set null" }),
    /** Or the API key that invited them (the REST API, SCIM): the Users table's "Invited by" names it. */
    invitedByApiKeyId: uuid("invited_by_api_key_id").references((): AnyPgColumn => apiKeys.id, { onDelete: "set null" }),
    /** Expiry of the newest invitation; status Expired is derived from it at query time. */
    invitationExpiresAt: timestamp("invitation_expires_at", { withTimezone: true }).notNull(),
    enrolledAt: timestamp("enrolled_at", { withTimezone: true }),
    removedAt: timestamp("removed_at", { withTimezone: true }),
    /** When the reminder of the current invitation was queued (lib/invitations/reminders.ts); a resend clears it. */
    reminderSentAt: timestamp("reminder_sent_at", { withTimezone: true }),
    /** The identity provider's id for this user, stored as SCIM sent it (`externalId`, RFC 7643 §3.1). */
    externalId: text("external_id"),
    /**
     * The address as the identity provider spelt it in SCIM's `userName` (its case kept: Okta's and
     * Entra ID's validators compare it exactly); always the same address as `email` once lower-cased.
     */
    scimUserName: text("scim_user_name"),
    /** The Users table's name sort key, stored so that its index serves index-only scans (see below). */
    nameSortKey: text("name_sort_key")
      .notNull()
      .generatedAlwaysAs((): SQL => sql`lower(${members.firstName} || ' ' || ${members.lastName})`),
    /**
     * What the Users table's search looks in, "first last email", lower-cased and stored: a search is a
     * LIKE on it (lib/users/list-users.ts), served by members_list_search, with nothing to rebuild or
     * lower-case per row when a search matches most users and each one is checked.
     */
    searchText: text("search_text")
      .notNull()
      .generatedAlwaysAs((): SQL => sql`lower(${members.firstName} || ' ' || ${members.lastName} || ' ' || ${members.email})`),
  },
  (t) => [
    // One listed user per address; a removed row stays for history and frees the address.
    uniqueIndex("members_organization_email_active")
      .on(t.organizationId, t.email)
      .where(sql`${t.removedAt} is null`),
    // SCIM's `filter=externalId eq "…"`, as Entra ID sends it before each change.
    index("members_organization_external_id")
      .on(t.organizationId, t.externalId)
      .where(sql`${t.removedAt} is null and ${t.externalId} is not null`),
    // The Users table at 100,000 users. One index per sort column over the listed (not removed) users,
    // ending with the id (the tie-breaker) and the two columns status is derived from: a page, a deep
    // OFFSET and a status filter are then index-only scans, never reading the table. Sorting by status
    // reads each status's rows in id order from the two *_by_id indexes (lib/users/list-users.ts), and
    // members_list_count, one deduplicated key, counts the listed users. Index-only scans need the
    // visibility map that VACUUM keeps (lib/database/refresh-statistics.ts).
    index("members_list_count").on(t.organizationId).where(sql`${t.removedAt} is null`),
    index("members_list_invited_at")
      .on(t.organizationId, t.invitedAt, t.id, t.enrolledAt, t.invitationExpiresAt)
      .where(sql`${t.removedAt} is null`),
    index("members_list_expires_at")
      .on(t.organizationId, t.invitationExpiresAt, t.id, t.enrolledAt)
      .where(sql`${t.removedAt} is null`),
    index("members_list_enrolled_at")
      .on(t.organizationId, t.enrolledAt, t.id, t.invitationExpiresAt)
      .where(sql`${t.removedAt} is null`),
    index("members_list_name")
      .on(t.organizationId, t.nameSortKey, t.id, t.enrolledAt, t.invitationExpiresAt)
      .where(sql`${t.removedAt} is null`),
    index("members_list_email")
      .on(t.organizationId, t.email, t.id, t.enrolledAt, t.invitationExpiresAt)
      .where(sql`${t.removedAt} is null`),
    index("members_list_enrolled_by_id")
      .on(t.organizationId, t.id)
      .where(sql`${t.removedAt} is null and ${t.enrolledAt} is not null`),
    index("members_list_invited_by_id")
      .on(t.organizationId, t.id, t.invitationExpiresAt)
      .where(sql`${t.removedAt} is null and ${t.enrolledAt} is null`),
    index("members_list_search")
      .using("gin", sql`${t.searchText} gin_trgm_ops`)
      .where(sql`${t.removedAt} is null`),
    check("members_email_normalised", sql`${t.email} = lower(btrim(${t.email}))`),
    check("members_first_name_length", sql`char_length(${t.firstName}) between 1 and 100`),
    check("members_last_name_length", sql`char_length(${t.lastName}) between 1 and 100`),
    check("members_role", sql`${t.role} in ('member', 'admin')`),
  ],
);

/**
 * A live invitation: its link still works unless it has expired (not used, replaced or revoked). The
 * one definition, shared by the index that allows one per user and by the queries that retire one.
 */
export const isLiveInvitation = (t: { usedAt: AnyPgColumn; replacedAt: AnyPgColumn; revokedAt: AnyPgColumn }): SQL =>
  sql`${t.usedAt} is null and ${t.replacedAt} is null and ${t.revokedAt} is null`;

export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    /** SHA-256 of the emailed token, hex. The token itself is never stored. */
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    replacedAt: timestamp("replaced_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /**
     * The emailed token, sealed (lib/sealed-text.ts, bound to this invitation's id) so that its reminder
     * can carry the same link. Erased when the reminder is queued and whenever the link stops being
     * live or remindable: joined, replaced, revoked, expired, reminders turned off.
     */
    reminderTokenSealed: text("reminder_token_sealed"),
  },
  (t) => [
    // At most one live link per user: a resend must retire the previous one in the same transaction.
    uniqueIndex("invitations_one_live_per_member")
      .on(t.memberId)
      .where(isLiveInvitation(t)),
    // The reminder pass reads only the invitations still waiting for one, by expiry.
    index("invitations_reminder_due").on(t.expiresAt).where(sql`${t.reminderTokenSealed} is not null`),
  ],
);

// ---------------------------------------------------------------------------
// Email outbox: every email, captured in development or sent through Resend
// ---------------------------------------------------------------------------

export const emailKinds = ["sign_in", "invitation", "reminder"] as const;
export const emailStatuses = ["queued", "sent", "delivered", "bounced", "failed", "cancelled"] as const;
export type EmailStatus = (typeof emailStatuses)[number];
export const emailTransports = ["capture", "resend"] as const;
export type EmailTransportName = (typeof emailTransports)[number];

/**
 * The body shared by every email of one submission (say, 10,000 invitations), rendered once, with a
 * random placeholder where each recipient's own values go. An email that uses it keeps only those
 * values, so queuing thousands of invitations writes kilobytes, not megabytes.
 */
export const emailTemplates = pgTable("email_templates", {
  id: uuid("id").primaryKey().defaultRandom(),
  html: text("html").notNull(),
  text: text("text").notNull(),
  /** Variable name → the placeholder standing for it in html and text. */
  placeholders: jsonb("placeholders").$type<Record<string, string>>().notNull(),
  createdAt: createdAt(),
});

export const emails = pgTable(
  "emails",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id").references(() => organizations.id, { onDelete: "cascade" }),
    memberId: uuid("member_id").references(() => members.id, { onDelete: "cascade" }),
    invitationId: uuid("invitation_id").references(() => invitations.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: emailKinds }).notNull(),
    transport: text("transport", { enum: emailTransports }).notNull(),
    status: text("status", { enum: emailStatuses }).notNull().default("queued"),
    fromAddress: text("from_address").notNull(),
    toAddress: text("to_address").notNull(),
    replyTo: text("reply_to"),
    subject: text("subject").notNull(),
    /**
     * Bodies hold a live link; for provider mail they are erased once sent or cancelled. A failed
     * email keeps them for Retry failed, which sends it again only while its link still works.
     */
    html: text("html"),
    text: text("text"),
    /** Or, instead of html and text: a shared template and this email's values for it (they hold the link too). */
    templateId: uuid("template_id").references(() => emailTemplates.id),
    variables: jsonb("variables").$type<Record<string, string>>(),
    providerMessageId: text("provider_message_id"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    /** The provider's newest word on it, from a webhook: delivered, bounced, complained, delivery_delayed. */
    lastEvent: text("last_event"),
    lastEventAt: timestamp("last_event_at", { withTimezone: true }),
    /** The send (one submission that invited or resent) this invitation belongs to: its page counts it. */
    sendId: uuid("send_id").references(() => sends.id, { onDelete: "set null" }),
    /** The provider batch this email travels in, fixed when a worker first picks it up. */
    batchId: uuid("batch_id").references(() => emailBatches.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    index("emails_status_created_at").on(t.status, t.createdAt),
    index("emails_unbatched").on(t.transport, t.createdAt).where(sql`${t.status} = 'queued' and ${t.batchId} is null`),
    index("emails_batch").on(t.batchId).where(sql`${t.batchId} is not null`),
    index("emails_provider_message_id").on(t.providerMessageId).where(sql`${t.providerMessageId} is not null`),
    index("emails_member_created_at").on(t.memberId, t.createdAt),
    index("emails_send_status").on(t.sendId, t.status).where(sql`${t.sendId} is not null`),
  ],
);

export const sendKinds = ["invitation", "resend"] as const;
export type SendKind = (typeof sendKinds)[number];

/**
 * One submission that emailed invitations (the form, a CSV, select-all, the API, SCIM): its emails
 * carry its id, so its page counts what came of them (lib/sends/send-progress.ts). Written in the
 * same transaction as its emails.
 */
export const sends = pgTable(
  "sends",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: sendKinds }).notNull(),
    /** Who sent it: an admin (account and address) or an API key of the organization. */
    actorUserId: text("actor_user_id").references(() => authUsers.id, { onDelete: "set null" }),
    actorEmail: text("actor_email"),
    actorApiKeyId: uuid("actor_api_key_id").references(() => apiKeys.id, { onDelete: "set null" }),
    recipients: integer("recipients").notNull(),
    createdAt: createdAt(),
    /** The admin who sent it closed its progress on the Users page. */
    dismissedAt: timestamp("dismissed_at", { withTimezone: true }),
  },
  (t) => [
    index("sends_organization_created_at").on(t.organizationId, t.createdAt),
    index("sends_actor_created_at").on(t.actorUserId, t.createdAt),
  ],
);

/**
 * Up to 100 emails sent to the provider in one call. Its composition never changes once attempted, so
 * every retry sends the same batch with the same idempotency key and the provider delivers it once.
 * A worker holds a lease (claimedUntil) while sending; a dead worker's lease runs out.
 */
export const emailBatches = pgTable(
  "email_batches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    transport: text("transport", { enum: emailTransports }).notNull(),
    status: text("status", { enum: ["pending", "sent", "failed"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    claimedUntil: timestamp("claimed_until", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("email_batches_due").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`)],
);

/**
 * What the provider told us about an email after it was sent, one row per event (delivered, bounced,
 * complained, delivery_delayed), for the Delivery details dialog: the email row keeps only the newest.
 */
export const emailDeliveryEvents = pgTable(
  "email_delivery_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    emailId: uuid("email_id")
      .notNull()
      .references(() => emails.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    /** The provider's words, such as a bounce's reason. */
    detail: text("detail"),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("email_delivery_events_email").on(t.emailId, t.occurredAt)],
);

/** Webhook deliveries already handled, by their id: a provider that delivers one twice is answered once. */
export const webhookEvents = pgTable("webhook_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * What every app instance must agree on about a mail provider: when it may be called next (requests
 * are spaced to its rate limit) and, after a 429, until when it asked us to wait.
 */
export const mailProviderState = pgTable("mail_provider_state", {
  provider: text("provider").primaryKey(),
  nextRequestAt: timestamp("next_request_at", { withTimezone: true }).notNull().defaultNow(),
  pausedUntil: timestamp("paused_until", { withTimezone: true }),
  /** When the latest calls (as many as the rate per second) were let through, oldest first. */
  recentCallsAt: timestamp("recent_calls_at", { withTimezone: true }).array().notNull().default(sql`'{}'`),
  /** Delivery health (lib/email/delivery-health.ts): since when calls have been failing, null once one succeeds. */
  failingSince: timestamp("failing_since", { withTimezone: true }),
  /** The provider's latest failing answer, e.g. "invalid_api_key (403): API key is invalid"; never the key. */
  lastFailure: text("last_failure"),
  /** The latest failure was the provider refusing the API key (401/403): the banner shows at once. */
  keyRefused: boolean("key_refused").notNull().default(false),
});

// ---------------------------------------------------------------------------
// Outbound webhooks: the organization's endpoints, the events announced to them and each delivery
// ---------------------------------------------------------------------------

export const webhookEventTypes = [
  "user.invited",
  "user.enrolled",
  "user.removed",
  "user.left",
  "user.role_changed",
  "invitation.resent",
  "invitation.bounced",
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    /** The event types it subscribes to (webhookEventTypes). */
    events: text("events").array().notNull(),
    /** The whsec_ signing secret, encrypted with a key derived from AUTH_SECRET: shown once, never stored in clear. */
    secretCiphertext: text("secret_ciphertext").notNull(),
    createdAt: createdAt(),
    /** Since when every delivery attempt has failed; null once one succeeds. */
    failingSince: timestamp("failing_since", { withTimezone: true }),
    /** Disabled endpoints receive nothing new; disabledReason says why (for the console). */
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    disabledReason: text("disabled_reason"),
  },
  (t) => [index("webhook_endpoints_organization").on(t.organizationId)],
);

/**
 * One event, written in the transaction of the change it announces, with its payload as it will be
 * sent (the user as they were then). Its id is the Standard Webhooks `webhook-id`, the same on every retry.
 */
export const webhookMessages = pgTable(
  "webhook_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    type: text("type", { enum: webhookEventTypes }).notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("webhook_messages_organization_created_at").on(t.organizationId, t.createdAt)],
);

/** A message on its way to one endpoint: the outbox row the webhook workers claim, send and retry. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    messageId: uuid("message_id")
      .notNull()
      .references(() => webhookMessages.id, { onDelete: "cascade" }),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    status: text("status", { enum: ["pending", "succeeded", "failed"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    /** A worker's lease while it sends; a dead worker's lease runs out. */
    claimedUntil: timestamp("claimed_until", { withTimezone: true }),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    succeededAt: timestamp("succeeded_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("webhook_deliveries_due").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index("webhook_deliveries_endpoint_created_at").on(t.endpointId, t.createdAt),
  ],
);

// ---------------------------------------------------------------------------
// Abuse limits, shared by every app instance
// ---------------------------------------------------------------------------

/**
 * Sliding-window counters (lib/rate-limit/): how many hits a key (an address, a client IP, an admin)
 * spent in a bucket (sign-in links, join attempts, invitations) during the window starting at
 * window_start. A row is of no use once the window after its own has ended (expires_at).
 */
export const rateLimitCounters = pgTable(
  "rate_limit_counters",
  {
    bucket: text("bucket").notNull(),
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    hits: integer("hits").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.bucket, t.key, t.windowStart] }),
    index("rate_limit_counters_expires_at").on(t.expiresAt),
    check("rate_limit_counters_hits", sql`${t.hits} >= 0`),
  ],
);

// ---------------------------------------------------------------------------
// API keys and the REST API's idempotency keys
// ---------------------------------------------------------------------------

/** A key of the REST API: it acts as its organization. Only the secret's SHA-256 (hex) is stored. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: createdAt(),
    /** The address of the admin who created it. */
    createdBy: text("created_by").notNull(),
    /** Updated at most once a minute (lib/api-keys/api-keys.ts), so a busy key does not write on every request. */
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    /** A revoked key is refused on its next request; the row stays for the Activity log. */
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    index("api_keys_organization_created_at").on(t.organizationId, t.createdAt),
    check("api_keys_name_length", sql`char_length(${t.name}) between 1 and 100`),
  ],
);

/**
 * A POST's Idempotency-Key (lib/api/idempotency.ts): written before the request acts, in its own
 * transaction, so a concurrent duplicate finds it; the answer is stored once known. Kept 24 hours.
 */
export const apiIdempotencyKeys = pgTable(
  "api_idempotency_keys",
  {
    apiKeyId: uuid("api_key_id")
      .notNull()
      .references(() => apiKeys.id, { onDelete: "cascade" }),
    idempotencyKey: text("idempotency_key").notNull(),
    /** SHA-256 of method, path and body: the same key with another request is refused. */
    requestHash: text("request_hash").notNull(),
    /** Null while the first request is still in progress. */
    responseStatus: integer("response_status"),
    responseBody: text("response_body"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.apiKeyId, t.idempotencyKey] }),
    index("api_idempotency_keys_created_at").on(t.createdAt),
  ],
);

// ---------------------------------------------------------------------------
// Audit trail
// ---------------------------------------------------------------------------

export const auditEvents = pgTable(
  "audit_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    actorEmail: text("actor_email"),
    /** Set when an API key acted (the REST API): the Activity log names the key. */
    actorApiKeyId: uuid("actor_api_key_id").references(() => apiKeys.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    memberId: uuid("member_id").references(() => members.id, { onDelete: "set null" }),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index("audit_events_organization_created_at").on(t.organizationId, t.createdAt)],
);

export type Organization = typeof organizations.$inferSelect;
export type InvitationSettings = typeof invitationSettings.$inferSelect;
export type Member = typeof members.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
export type Email = typeof emails.$inferSelect;
export type EmailTemplate = typeof emailTemplates.$inferSelect;
export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type Send = typeof sends.$inferSelect;

// ---------------------------------------------------------------------------
// What an admin chose once and finds again on any device
// ---------------------------------------------------------------------------

export const adminPreferences = pgTable("admin_preferences", {
  userId: text("user_id")
    .primaryKey()
    .references(() => authUsers.id, { onDelete: "cascade" }),
  /** The optional columns the Users table shows (lib/users/optional-columns.ts). */
  usersTableColumns: text("users_table_columns").array().notNull().default(sql`'{}'::text[]`),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
