ALTER TABLE "survey_responses" ADD COLUMN "source" text DEFAULT 'link' NOT NULL;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD COLUMN "ticket_id" uuid;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD COLUMN "service_id" uuid;--> statement-breakpoint
CREATE INDEX "survey_responses_definition_idx" ON "survey_responses" USING btree ("definition_id","created_at");