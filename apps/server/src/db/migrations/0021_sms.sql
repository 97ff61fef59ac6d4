CREATE TABLE "sms_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"direction" text NOT NULL,
	"ref" text NOT NULL,
	"notification_id" uuid,
	"conversation_id" uuid,
	"phone" text NOT NULL,
	"sender" text NOT NULL,
	"text" text NOT NULL,
	"encoding" text NOT NULL,
	"segments" integer NOT NULL,
	"concat_ref" integer DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"error" text,
	"created_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	CONSTRAINT "sms_messages_direction_check" CHECK ("sms_messages"."direction" IN ('in', 'out')),
	CONSTRAINT "sms_messages_encoding_check" CHECK ("sms_messages"."encoding" IN ('gsm7', 'ucs2')),
	CONSTRAINT "sms_messages_status_check" CHECK ("sms_messages"."status" IN ('pending', 'submitted', 'delivered', 'failed', 'received'))
);
--> statement-breakpoint
CREATE TABLE "sms_numbers" (
	"number" text PRIMARY KEY NOT NULL,
	"queue_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sms_opt_outs" (
	"phone" text PRIMARY KEY NOT NULL,
	"keyword" text NOT NULL,
	"customer_id" uuid,
	"opted_out_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sms_parts" (
	"sms_id" uuid NOT NULL,
	"part_no" integer NOT NULL,
	"user_ref" integer NOT NULL,
	"status" text NOT NULL,
	"smsc_message_id" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	"submitted_at" timestamp with time zone,
	"receipt_at" timestamp with time zone,
	CONSTRAINT "sms_parts_sms_id_part_no_pk" PRIMARY KEY("sms_id","part_no"),
	CONSTRAINT "sms_parts_status_check" CHECK ("sms_parts"."status" IN ('pending', 'submitting', 'submitted', 'delivered', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "sms_numbers" ADD CONSTRAINT "sms_numbers_queue_id_routing_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."routing_queues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_parts" ADD CONSTRAINT "sms_parts_sms_id_sms_messages_id_fk" FOREIGN KEY ("sms_id") REFERENCES "public"."sms_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sms_messages_ref_key" ON "sms_messages" USING btree ("ref");--> statement-breakpoint
CREATE INDEX "sms_messages_created_idx" ON "sms_messages" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "sms_messages_phone_idx" ON "sms_messages" USING btree ("phone","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sms_parts_smsc_message_id_key" ON "sms_parts" USING btree ("smsc_message_id");