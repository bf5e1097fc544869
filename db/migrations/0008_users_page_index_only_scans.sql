DROP INDEX "members_list_invited_at";--> statement-breakpoint
DROP INDEX "members_list_expires_at";--> statement-breakpoint
DROP INDEX "members_list_enrolled_at";--> statement-breakpoint
DROP INDEX "members_list_name";--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "name_sort_key" text GENERATED ALWAYS AS (lower("members"."first_name" || ' ' || "members"."last_name")) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "members_list_count" ON "members" USING btree ("organization_id") WHERE "members"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "members_list_email" ON "members" USING btree ("organization_id","email","id","enrolled_at","invitation_expires_at") WHERE "members"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "members_list_enrolled_by_id" ON "members" USING btree ("organization_id","id") WHERE "members"."removed_at" is null and "members"."enrolled_at" is not null;--> statement-breakpoint
CREATE INDEX "members_list_invited_by_id" ON "members" USING btree ("organization_id","id","invitation_expires_at") WHERE "members"."removed_at" is null and "members"."enrolled_at" is null;--> statement-breakpoint
CREATE INDEX "members_list_invited_at" ON "members" USING btree ("organization_id","invited_at","id","enrolled_at","invitation_expires_at") WHERE "members"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "members_list_expires_at" ON "members" USING btree ("organization_id","invitation_expires_at","id","enrolled_at") WHERE "members"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "members_list_enrolled_at" ON "members" USING btree ("organization_id","enrolled_at","id","invitation_expires_at") WHERE "members"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "members_list_name" ON "members" USING btree ("organization_id","name_sort_key","id","enrolled_at","invitation_expires_at") WHERE "members"."removed_at" is null;