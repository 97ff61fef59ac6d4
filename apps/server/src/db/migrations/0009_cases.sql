CREATE TABLE "case_calendars" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"time_zone" text NOT NULL,
	"weekly" jsonb NOT NULL,
	"holidays" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"make_up_days" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_conversations" (
	"case_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"linked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_conversations_case_id_conversation_id_pk" PRIMARY KEY("case_id","conversation_id")
);
--> statement-breakpoint
CREATE TABLE "case_field_definitions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_type" text NOT NULL,
	"key" text NOT NULL,
	"labels" jsonb NOT NULL,
	"kind" text NOT NULL,
	"options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"is_required" boolean DEFAULT false NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "case_field_definitions_kind_check" CHECK ("case_field_definitions"."kind" IN ('text', 'number', 'date', 'select', 'money'))
);
--> statement-breakpoint
CREATE TABLE "case_notes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"author_id" uuid,
	"visibility" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_notes_visibility_check" CHECK ("case_notes"."visibility" IN ('internal', 'customer'))
);
--> statement-breakpoint
CREATE TABLE "case_number_counters" (
	"year" integer PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_sla_clocks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"calendar_code" text NOT NULL,
	"budget_minutes" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"used_minutes" integer DEFAULT 0 NOT NULL,
	"running_since" timestamp with time zone,
	"due_at" timestamp with time zone,
	"stage" smallint DEFAULT 0 NOT NULL,
	"next_fire_at" timestamp with time zone,
	"stopped_at" timestamp with time zone,
	"met_at" timestamp with time zone,
	CONSTRAINT "case_sla_clocks_kind_check" CHECK ("case_sla_clocks"."kind" IN ('first_response', 'next_update', 'resolution'))
);
--> statement-breakpoint
CREATE TABLE "case_sla_policies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"case_type" text,
	"priority" text,
	"segment" text,
	"calendar_code" text NOT NULL,
	"first_response_minutes" integer,
	"next_update_minutes" integer,
	"resolution_minutes" integer,
	"pause_while_waiting_customer" boolean DEFAULT true NOT NULL,
	"escalation" jsonb DEFAULT '[{"atPercent":50,"notify":"owner"},{"atPercent":80,"notify":"team_lead"},{"atPercent":100,"notify":"department_head"}]'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_task_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"title" text NOT NULL,
	"instructions" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"assignee_id" uuid,
	"due_at" timestamp with time zone,
	"outcome" text,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"picked_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	CONSTRAINT "case_tasks_status_check" CHECK ("case_tasks"."status" IN ('open', 'in_progress', 'done', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "case_timeline" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"kind" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"type" text NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"priority" text DEFAULT 'normal' NOT NULL,
	"subject" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"category_id" uuid,
	"product" text,
	"customer_id" uuid,
	"language" text DEFAULT 'en' NOT NULL,
	"channel" text,
	"branch_id" uuid,
	"owner_id" uuid NOT NULL,
	"first_owner_id" uuid NOT NULL,
	"previous_owner_id" uuid,
	"team_id" uuid,
	"custom_fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"resolution" text,
	"root_cause" text,
	"sla_policy_id" uuid,
	"regulatory_profile" text,
	"regulatory_due_at" timestamp with time zone,
	"extension_reason" text,
	"extension_approver_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"first_response_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	CONSTRAINT "cases_type_check" CHECK ("cases"."type" IN ('inquiry', 'service_request', 'complaint', 'incident', 'internal_request')),
	CONSTRAINT "cases_status_check" CHECK ("cases"."status" IN ('new', 'in_progress', 'waiting_customer', 'waiting_back_office', 'resolved', 'closed')),
	CONSTRAINT "cases_priority_check" CHECK ("cases"."priority" IN ('low', 'normal', 'high', 'urgent')),
	CONSTRAINT "cases_language_check" CHECK ("cases"."language" IN ('en', 'zh-CN', 'vi'))
);
--> statement-breakpoint
ALTER TABLE "case_conversations" ADD CONSTRAINT "case_conversations_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_sla_clocks" ADD CONSTRAINT "case_sla_clocks_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_task_messages" ADD CONSTRAINT "case_task_messages_task_id_case_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."case_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_tasks" ADD CONSTRAINT "case_tasks_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_timeline" ADD CONSTRAINT "case_timeline_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_conversations_conv_idx" ON "case_conversations" USING btree ("conversation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_field_definitions_key" ON "case_field_definitions" USING btree ("case_type","key");--> statement-breakpoint
CREATE INDEX "case_notes_case_idx" ON "case_notes" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "case_sla_clocks_case_kind_key" ON "case_sla_clocks" USING btree ("case_id","kind");--> statement-breakpoint
CREATE INDEX "case_sla_clocks_due_idx" ON "case_sla_clocks" USING btree ("next_fire_at") WHERE "case_sla_clocks"."next_fire_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "case_task_messages_task_idx" ON "case_task_messages" USING btree ("task_id","created_at");--> statement-breakpoint
CREATE INDEX "case_tasks_case_idx" ON "case_tasks" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_tasks_queue_idx" ON "case_tasks" USING btree ("department_id","due_at") WHERE "case_tasks"."status" = 'open';--> statement-breakpoint
CREATE INDEX "case_tasks_assignee_idx" ON "case_tasks" USING btree ("assignee_id") WHERE "case_tasks"."status" = 'in_progress';--> statement-breakpoint
CREATE INDEX "case_timeline_case_idx" ON "case_timeline" USING btree ("case_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_number_key" ON "cases" USING btree ("number");--> statement-breakpoint
CREATE INDEX "cases_owner_idx" ON "cases" USING btree ("owner_id","updated_at");--> statement-breakpoint
CREATE INDEX "cases_team_idx" ON "cases" USING btree ("team_id","updated_at");--> statement-breakpoint
CREATE INDEX "cases_customer_idx" ON "cases" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "cases_open_complaints_due_idx" ON "cases" USING btree ("regulatory_due_at") WHERE "cases"."type" = 'complaint' AND "cases"."status" NOT IN ('resolved', 'closed');--> statement-breakpoint
CREATE INDEX "cases_complaints_created_idx" ON "cases" USING btree ("created_at") WHERE "cases"."type" = 'complaint';