ALTER TABLE "invitation_settings" ADD COLUMN "reminder_days_before" integer DEFAULT 3;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "reminder_token_sealed" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "reminder_sent_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "invitations_reminder_due" ON "invitations" USING btree ("expires_at") WHERE "invitations"."reminder_token_sealed" is not null;--> statement-breakpoint
ALTER TABLE "invitation_settings" ADD CONSTRAINT "invitation_settings_reminder_days_before" CHECK ("invitation_settings"."reminder_days_before" between 1 and 14);