CREATE TABLE "analytics_contact_facts" (
	"conversation_id" uuid PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"queue_id" uuid,
	"agent_id" uuid,
	"first_agent_id" uuid,
	"customer_id" uuid,
	"reason_id" uuid,
	"offered_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"abandoned_at" timestamp with time zone,
	"wrapped_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"wait_seconds" integer,
	"handle_seconds" integer,
	"transfers" smallint DEFAULT 0 NOT NULL,
	"rating" smallint,
	"last_position" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_handle_segments" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"conversation_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "analytics_hourly" (
	"hour" timestamp with time zone NOT NULL,
	"queue_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"offered" integer NOT NULL,
	"answered" integer NOT NULL,
	"abandoned_after" integer NOT NULL,
	"abandoned_short" integer NOT NULL,
	"within_threshold" integer NOT NULL,
	"wait_sum" bigint NOT NULL,
	"handle_sum" bigint NOT NULL,
	"handled" integer NOT NULL,
	"ratings" integer NOT NULL,
	"good" integer NOT NULL,
	"transfers" integer NOT NULL,
	CONSTRAINT "analytics_hourly_hour_queue_id_channel_pk" PRIMARY KEY("hour","queue_id","channel")
);
--> statement-breakpoint
CREATE TABLE "analytics_message_facts" (
	"message_id" uuid PRIMARY KEY NOT NULL,
	"conversation_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"language" text NOT NULL,
	"body" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "analytics_contact_facts_offered_brin" ON "analytics_contact_facts" USING brin ("offered_at");--> statement-breakpoint
CREATE INDEX "analytics_contact_facts_queue_offered_idx" ON "analytics_contact_facts" USING btree ("queue_id","offered_at");--> statement-breakpoint
CREATE INDEX "analytics_contact_facts_agent_offered_idx" ON "analytics_contact_facts" USING btree ("agent_id","offered_at");--> statement-breakpoint
CREATE INDEX "analytics_contact_facts_reason_offered_idx" ON "analytics_contact_facts" USING btree ("reason_id","offered_at");--> statement-breakpoint
CREATE INDEX "analytics_handle_segments_conversation_idx" ON "analytics_handle_segments" USING btree ("conversation_id");--> statement-breakpoint
CREATE INDEX "analytics_handle_segments_agent_started_idx" ON "analytics_handle_segments" USING btree ("agent_id","started_at");--> statement-breakpoint
CREATE INDEX "analytics_message_facts_at_brin" ON "analytics_message_facts" USING brin ("at");