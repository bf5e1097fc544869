DROP INDEX "members_organization_invited_at";--> statement-breakpoint
CREATE INDEX "members_list_invited_at" ON "members" USING btree ("organization_id","invited_at","id") WHERE "members"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "members_list_expires_at" ON "members" USING btree ("organization_id","invitation_expires_at","id") WHERE "members"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "members_list_enrolled_at" ON "members" USING btree ("organization_id","enrolled_at","id") WHERE "members"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "members_list_name" ON "members" USING btree ("organization_id",lower("first_name" || ' ' || "last_name"),"id") WHERE "members"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "members_list_search" ON "members" USING gin (("first_name" || ' ' || "last_name" || ' ' || "email") gin_trgm_ops) WHERE "members"."removed_at" is null;