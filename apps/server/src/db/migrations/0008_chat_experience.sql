CREATE TABLE "conversation_attachments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"conversation_id" uuid NOT NULL,
	"uploader_type" text NOT NULL,
	"uploader_id" text,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "conversation_attachments_type_check" CHECK ("conversation_attachments"."content_type" IN ('image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'))
);
--> statement-breakpoint
CREATE TABLE "conversation_participants" (
	"conversation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text DEFAULT 'consultant' NOT NULL,
	"invited_by" uuid,
	"note" text,
	"invited_at" timestamp with time zone NOT NULL,
	"joined_at" timestamp with time zone,
	"left_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "routing_calendars" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"time_zone" text NOT NULL,
	"weekly" jsonb NOT NULL,
	"holidays" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "routing_calendars_code_key" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "customer_read_seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "agent_read_seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "routing_queues" ADD COLUMN "calendar_id" uuid;--> statement-breakpoint
ALTER TABLE "conversation_attachments" ADD CONSTRAINT "conversation_attachments_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_participants" ADD CONSTRAINT "conversation_participants_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversation_attachments_conversation_idx" ON "conversation_attachments" USING btree ("conversation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "conversation_participants_key" ON "conversation_participants" USING btree ("conversation_id","user_id");--> statement-breakpoint
CREATE INDEX "conversation_participants_user_idx" ON "conversation_participants" USING btree ("user_id") WHERE left_at IS NULL;--> statement-breakpoint
ALTER TABLE "routing_queues" ADD CONSTRAINT "routing_queues_calendar_id_routing_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."routing_calendars"("id") ON DELETE no action ON UPDATE no action;