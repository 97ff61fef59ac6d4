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
CREATE TABLE "survey_definitions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"trigger" text NOT NULL,
	"sampling_rate" real DEFAULT 1 NOT NULL,
	"quiet_start_hour" smallint,
	"quiet_end_hour" smallint,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"min_days_between" smallint DEFAULT 30 NOT NULL,
	"link_valid_days" smallint DEFAULT 7 NOT NULL,
	"questions" jsonb NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_definitions_code_key" UNIQUE("code"),
	CONSTRAINT "survey_definitions_kind_check" CHECK ("survey_definitions"."kind" IN ('csat', 'nps', 'ces', 'custom')),
	CONSTRAINT "survey_definitions_trigger_check" CHECK ("survey_definitions"."trigger" IN ('chat_closed', 'case_resolved', 'branch_visit'))
);
--> statement-breakpoint
CREATE TABLE "survey_invitations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"definition_id" uuid NOT NULL,
	"source_event_id" uuid NOT NULL,
	"conversation_id" uuid,
	"case_id" uuid,
	"ticket_id" uuid,
	"customer_id" uuid,
	"agent_id" uuid,
	"queue_id" uuid,
	"branch_id" uuid,
	"language" text NOT NULL,
	"send_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"invitation_id" uuid NOT NULL,
	"definition_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"score" integer,
	"answers" jsonb NOT NULL,
	"language" text NOT NULL,
	"conversation_id" uuid,
	"case_id" uuid,
	"customer_id" uuid,
	"agent_id" uuid,
	"queue_id" uuid,
	"branch_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "survey_responses_invitation_key" UNIQUE("invitation_id")
);
--> statement-breakpoint
CREATE INDEX "analytics_contact_facts_offered_brin" ON "analytics_contact_facts" USING brin ("offered_at");--> statement-breakpoint
CREATE INDEX "analytics_contact_facts_queue_offered_idx" ON "analytics_contact_facts" USING btree ("queue_id","offered_at");--> statement-breakpoint
CREATE INDEX "analytics_contact_facts_agent_offered_idx" ON "analytics_contact_facts" USING btree ("agent_id","offered_at");--> statement-breakpoint
CREATE INDEX "analytics_contact_facts_reason_offered_idx" ON "analytics_contact_facts" USING btree ("reason_id","offered_at");--> statement-breakpoint
CREATE INDEX "analytics_handle_segments_conversation_idx" ON "analytics_handle_segments" USING btree ("conversation_id");--> statement-breakpoint
CREATE INDEX "analytics_handle_segments_agent_started_idx" ON "analytics_handle_segments" USING btree ("agent_id","started_at");--> statement-breakpoint
CREATE INDEX "analytics_message_facts_at_brin" ON "analytics_message_facts" USING brin ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_invitations_source_key" ON "survey_invitations" USING btree ("definition_id","source_event_id");--> statement-breakpoint
CREATE INDEX "survey_invitations_customer_idx" ON "survey_invitations" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "survey_responses_created_idx" ON "survey_responses" USING btree ("created_at");