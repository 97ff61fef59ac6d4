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
ALTER TABLE "analytics_report_runs" ADD CONSTRAINT "analytics_report_runs_schedule_id_analytics_report_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."analytics_report_schedules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analytics_report_runs_schedule_idx" ON "analytics_report_runs" USING btree ("schedule_id","created_at");--> statement-breakpoint
CREATE INDEX "analytics_report_schedules_due_idx" ON "analytics_report_schedules" USING btree ("next_run_at");