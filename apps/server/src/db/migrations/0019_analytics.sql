CREATE TABLE "analytics_agent_state_facts" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"agent_id" uuid NOT NULL,
	"state" text NOT NULL,
	"reason" text,
	"since" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_business_unit_topics" (
	"unit_id" uuid NOT NULL,
	"reason_id" uuid NOT NULL,
	CONSTRAINT "analytics_business_unit_topics_unit_id_reason_id_pk" PRIMARY KEY("unit_id","reason_id")
);
--> statement-breakpoint
CREATE TABLE "analytics_business_units" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"language" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_cursors" (
	"name" text PRIMARY KEY NOT NULL,
	"txid" text NOT NULL,
	"position" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_report_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"schedule_id" uuid NOT NULL,
	"trigger" text NOT NULL,
	"status" text NOT NULL,
	"period_from" timestamp with time zone NOT NULL,
	"period_to" timestamp with time zone NOT NULL,
	"recipients" integer NOT NULL,
	"pdf_bytes" integer,
	"error" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "analytics_report_runs_status_check" CHECK ("analytics_report_runs"."status" IN ('queued', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "analytics_report_schedules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"filters" jsonb NOT NULL,
	"period" text NOT NULL,
	"recipients" text[] NOT NULL,
	"language" text NOT NULL,
	"time_zone" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"team_id" uuid,
	"next_run_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "analytics_report_schedules_period_check" CHECK ("analytics_report_schedules"."period" IN ('daily', 'weekly', 'monthly'))
);
--> statement-breakpoint
ALTER TABLE "analytics_case_facts" ADD COLUMN "resolution_business_seconds" integer;--> statement-breakpoint
ALTER TABLE "analytics_message_facts" ADD COLUMN "phrases" text[];--> statement-breakpoint
ALTER TABLE "analytics_message_facts" ADD COLUMN "suggestion" boolean;--> statement-breakpoint
ALTER TABLE "analytics_business_unit_topics" ADD CONSTRAINT "analytics_business_unit_topics_unit_id_analytics_business_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."analytics_business_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_report_runs" ADD CONSTRAINT "analytics_report_runs_schedule_id_analytics_report_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."analytics_report_schedules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analytics_agent_state_facts_agent_since_idx" ON "analytics_agent_state_facts" USING btree ("agent_id","since");--> statement-breakpoint
CREATE INDEX "analytics_report_runs_schedule_idx" ON "analytics_report_runs" USING btree ("schedule_id","created_at");--> statement-breakpoint
CREATE INDEX "analytics_report_schedules_due_idx" ON "analytics_report_schedules" USING btree ("next_run_at");--> statement-breakpoint
CREATE INDEX "analytics_message_facts_untokenised_idx" ON "analytics_message_facts" USING btree ("message_id") WHERE phrases IS NULL;