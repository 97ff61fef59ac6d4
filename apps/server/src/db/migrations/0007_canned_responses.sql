CREATE TABLE "canned_responses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner_id" uuid,
	"team_id" uuid,
	"shortcut" text NOT NULL,
	"title" text NOT NULL,
	"bodies" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "canned_responses_owner_idx" ON "canned_responses" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "canned_responses_team_idx" ON "canned_responses" USING btree ("team_id");