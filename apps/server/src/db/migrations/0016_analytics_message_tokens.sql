CREATE TABLE "analytics_cursors" (
	"name" text PRIMARY KEY NOT NULL,
	"txid" text NOT NULL,
	"position" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "analytics_message_facts" ADD COLUMN "phrases" text[];--> statement-breakpoint
ALTER TABLE "analytics_message_facts" ADD COLUMN "suggestion" boolean;--> statement-breakpoint
CREATE INDEX "analytics_message_facts_untokenised_idx" ON "analytics_message_facts" USING btree ("message_id") WHERE phrases IS NULL;