CREATE TABLE "webhook_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "emails" ADD COLUMN "last_event" text;--> statement-breakpoint
ALTER TABLE "emails" ADD COLUMN "last_event_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "emails_provider_message_id" ON "emails" USING btree ("provider_message_id") WHERE "emails"."provider_message_id" is not null;