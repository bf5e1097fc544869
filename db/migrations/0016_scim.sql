ALTER TABLE "members" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "scim_user_name" text;--> statement-breakpoint
CREATE INDEX "members_organization_external_id" ON "members" USING btree ("organization_id","external_id") WHERE "members"."removed_at" is null and "members"."external_id" is not null;