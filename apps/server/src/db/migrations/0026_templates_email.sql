CREATE TABLE "email_signatures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"queue_id" uuid,
	"language" text NOT NULL,
	"html" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "email_signatures_queue_language_key" UNIQUE NULLS NOT DISTINCT("queue_id","language"),
	CONSTRAINT "email_signatures_language_check" CHECK ("email_signatures"."language" IN ('en', 'zh-CN', 'vi'))
);
--> statement-breakpoint
CREATE TABLE "email_templates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"queue_id" uuid,
	"name" text NOT NULL,
	"subjects" jsonb NOT NULL,
	"bodies" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "email_templates_queue_name_key" UNIQUE NULLS NOT DISTINCT("queue_id","name")
);
--> statement-breakpoint
ALTER TABLE "routing_queues" ADD COLUMN "team_id" uuid;--> statement-breakpoint
ALTER TABLE "email_reply_options" ADD COLUMN "signature_html" text;--> statement-breakpoint
ALTER TABLE "email_reply_options" ADD COLUMN "signature_text" text;--> statement-breakpoint
ALTER TABLE "email_signatures" ADD CONSTRAINT "email_signatures_queue_id_routing_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."routing_queues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_templates" ADD CONSTRAINT "email_templates_queue_id_routing_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."routing_queues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_queues" ADD CONSTRAINT "routing_queues_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;