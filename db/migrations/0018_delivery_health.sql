ALTER TABLE "mail_provider_state" ADD COLUMN "failing_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mail_provider_state" ADD COLUMN "last_failure" text;--> statement-breakpoint
ALTER TABLE "mail_provider_state" ADD COLUMN "key_refused" boolean DEFAULT false NOT NULL;