CREATE TABLE "conversations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"customer_id" uuid,
	"visitor_id" text,
	"site_id" uuid,
	"queue_id" uuid,
	"assignee_id" uuid,
	"priority" integer DEFAULT 0 NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"topic" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"contact_reason_id" uuid,
	"contact_name" text,
	"contact_phone" text,
	"contact_email" text,
	"created_at" timestamp with time zone NOT NULL,
	"queued_at" timestamp with time zone,
	"first_offered_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"wrap_up_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"last_message_at" timestamp with time zone,
	"next_seq" integer DEFAULT 1 NOT NULL,
	"rating" smallint,
	"rating_comment" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "conversations_status_check" CHECK ("conversations"."status" IN ('queued', 'offered', 'active', 'wrap_up', 'closed', 'waiting_offline')),
	CONSTRAINT "conversations_rating_check" CHECK ("conversations"."rating" IS NULL OR "conversations"."rating" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE TABLE "conversation_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"conversation_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"author_type" text NOT NULL,
	"author_id" text,
	"kind" text NOT NULL,
	"client_id" text,
	"body" text DEFAULT '' NOT NULL,
	"attachment" jsonb,
	"mentions" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "conversation_messages_author_check" CHECK ("conversation_messages"."author_type" IN ('customer', 'agent', 'system', 'bot')),
	CONSTRAINT "conversation_messages_kind_check" CHECK ("conversation_messages"."kind" IN ('text', 'attachment', 'note', 'event'))
);
--> statement-breakpoint
ALTER TABLE "conversation_messages" ADD CONSTRAINT "conversation_messages_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversations_customer_idx" ON "conversations" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "conversations_assignee_idx" ON "conversations" USING btree ("assignee_id") WHERE status IN ('active', 'wrap_up');--> statement-breakpoint
CREATE INDEX "conversations_visitor_idx" ON "conversations" USING btree ("visitor_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "conversation_messages_seq_key" ON "conversation_messages" USING btree ("conversation_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "conversation_messages_client_key" ON "conversation_messages" USING btree ("conversation_id","author_type","client_id");