import { sql, type SQL } from "drizzle-orm";
import {
  type AnyPgColumn,
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
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("invitation_settings_validity_days", sql`${t.validityDays} between 1 and 90`),
    check("invitation_settings_custom_message_length", sql`char_length(${t.customMessage}) <= 1000`),
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
    /** Expiry of the newest invitation; status Expired is derived from it at query time. */
    invitationExpiresAt: timestamp("invitation_expires_at", { withTimezone: true }).notNull(),
    enrolledAt: timestamp("enrolled_at", { withTimezone: true }),
    removedAt: timestamp("removed_at", { withTimezone: true }),
  },
  (t) => [
    // One listed user per address; a removed row stays for history and frees the address.
    uniqueIndex("members_organization_email_active")
      .on(t.organizationId, t.email)
      .where(sql`${t.removedAt} is null`),
    // The Users table: one index per sort column, over the listed (not removed) users, so that a
    // page is read in order from an index at 100,000 users; and a trigram index for the search.
    index("members_list_invited_at").on(t.organizationId, t.invitedAt, t.id).where(sql`${t.removedAt} is null`),
    index("members_list_expires_at").on(t.organizationId, t.invitationExpiresAt, t.id).where(sql`${t.removedAt} is null`),
    index("members_list_enrolled_at").on(t.organizationId, t.enrolledAt, t.id).where(sql`${t.removedAt} is null`),
    index("members_list_name")
      .on(t.organizationId, sql`lower(${t.firstName} || ' ' || ${t.lastName})`, t.id)
      .where(sql`${t.removedAt} is null`),
    index("members_list_search")
      .using("gin", sql`(${t.firstName} || ' ' || ${t.lastName} || ' ' || ${t.email}) gin_trgm_ops`)
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
  },
  (t) => [
    // At most one live link per user: a resend must retire the previous one in the same transaction.
    uniqueIndex("invitations_one_live_per_member")
      .on(t.memberId)
      .where(isLiveInvitation(t)),
  ],
);

// ---------------------------------------------------------------------------
// Email outbox: every email, captured in development or sent through Resend
// ---------------------------------------------------------------------------

export const emailKinds = ["sign_in", "invitation"] as const;
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
    /** Bodies hold a live link; for provider mail they are erased once sent or cancelled. */
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
});

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
