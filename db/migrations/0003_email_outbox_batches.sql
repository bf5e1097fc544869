CREATE TABLE "email_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"transport" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mail_provider_state" (
	"provider" text PRIMARY KEY NOT NULL,
	"next_request_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paused_until" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "emails" ADD COLUMN "batch_id" uuid;--> statement-breakpoint
CREATE INDEX "email_batches_due" ON "email_batches" USING btree ("next_attempt_at") WHERE "email_batches"."status" = 'pending';--> statement-breakpoint
ALTER TABLE "emails" ADD CONSTRAINT "emails_batch_id_email_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."email_batches"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "emails_unbatched" ON "emails" USING btree ("transport","created_at") WHERE "emails"."status" = 'queued' and "emails"."batch_id" is null;--> statement-breakpoint
CREATE INDEX "emails_batch" ON "emails" USING btree ("batch_id") WHERE "emails"."batch_id" is not null;