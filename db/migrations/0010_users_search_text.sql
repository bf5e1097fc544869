DROP INDEX "members_list_search";--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower("members"."first_name" || ' ' || "members"."last_name" || ' ' || "members"."email")) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "members_list_search" ON "members" USING gin ("search_text" gin_trgm_ops) WHERE "members"."removed_at" is null;