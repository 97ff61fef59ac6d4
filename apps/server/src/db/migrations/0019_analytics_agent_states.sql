CREATE TABLE "analytics_agent_state_facts" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"agent_id" uuid NOT NULL,
	"state" text NOT NULL,
	"reason" text,
	"since" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "analytics_agent_state_facts_agent_since_idx" ON "analytics_agent_state_facts" USING btree ("agent_id","since");