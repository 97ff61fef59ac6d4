CREATE TABLE "analytics_branch_feedback" (
	"feedback_id" uuid PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"branch_id" uuid NOT NULL,
	"service_id" uuid,
	"teller_id" uuid,
	"rating" smallint NOT NULL,
	"reasons" text[] NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_case_facts" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"is_complaint" boolean NOT NULL,
	"category_id" uuid,
	"product" text,
	"channel" text,
	"team_id" uuid,
	"owner_id" uuid,
	"first_owner_id" uuid,
	"customer_id" uuid,
	"conversation_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"first_reopened_at" timestamp with time zone,
	"reopened_count" smallint DEFAULT 0 NOT NULL,
	"resolved_on_time" boolean,
	"closed_by_first_owner" boolean,
	"last_position" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_ticket_facts" (
	"ticket_id" uuid PRIMARY KEY NOT NULL,
	"branch_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"counter_id" uuid,
	"teller_id" uuid,
	"customer_id" uuid,
	"issued_at" timestamp with time zone NOT NULL,
	"called_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"wait_seconds" integer,
	"service_seconds" integer,
	"no_show" boolean DEFAULT false NOT NULL,
	"transfers" smallint DEFAULT 0 NOT NULL,
	"recalls" smallint DEFAULT 0 NOT NULL,
	"last_position" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "analytics_branch_feedback_branch_at_idx" ON "analytics_branch_feedback" USING btree ("branch_id","at");--> statement-breakpoint
CREATE INDEX "analytics_case_facts_created_brin" ON "analytics_case_facts" USING brin ("created_at");--> statement-breakpoint
CREATE INDEX "analytics_case_facts_team_created_idx" ON "analytics_case_facts" USING btree ("team_id","created_at");--> statement-breakpoint
CREATE INDEX "analytics_case_facts_customer_idx" ON "analytics_case_facts" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "analytics_ticket_facts_issued_brin" ON "analytics_ticket_facts" USING brin ("issued_at");--> statement-breakpoint
CREATE INDEX "analytics_ticket_facts_branch_issued_idx" ON "analytics_ticket_facts" USING btree ("branch_id","issued_at");