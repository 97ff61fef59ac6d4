CREATE TABLE "routing_agent_channels" (
	"user_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"capacity" smallint NOT NULL,
	"load" smallint DEFAULT 0 NOT NULL,
	CONSTRAINT "routing_agent_channels_user_id_channel_pk" PRIMARY KEY("user_id","channel"),
	CONSTRAINT "routing_agent_channels_load_check" CHECK ("routing_agent_channels"."load" >= 0 AND "routing_agent_channels"."load" <= "routing_agent_channels"."capacity")
);
--> statement-breakpoint
CREATE TABLE "routing_agent_skills" (
	"user_id" uuid NOT NULL,
	"skill_id" uuid NOT NULL,
	"proficiency" smallint NOT NULL,
	CONSTRAINT "routing_agent_skills_user_id_skill_id_pk" PRIMARY KEY("user_id","skill_id")
);
--> statement-breakpoint
CREATE TABLE "routing_agent_states" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"state" text DEFAULT 'offline' NOT NULL,
	"reason" text,
	"since" timestamp with time zone NOT NULL,
	"idle_since" timestamp with time zone NOT NULL,
	"missed_offers" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "routing_agent_states_state_check" CHECK ("routing_agent_states"."state" IN ('available', 'away', 'offline'))
);
--> statement-breakpoint
CREATE TABLE "routing_queues" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"channels" text[] NOT NULL,
	"required_skills" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"offer_timeout_seconds" integer DEFAULT 30 NOT NULL,
	"max_size" integer DEFAULT 1000 NOT NULL,
	"overflow" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"wrap_up_seconds" integer DEFAULT 60 NOT NULL,
	"auto_accept" boolean DEFAULT false NOT NULL,
	"aging_seconds" integer DEFAULT 60 NOT NULL,
	"sticky_seconds" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "routing_queues_code_key" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "routing_work_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"ref_id" uuid NOT NULL,
	"queue_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"required_skills" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"language" text,
	"status" text DEFAULT 'waiting' NOT NULL,
	"enqueued_at" timestamp with time zone NOT NULL,
	"offered_to" uuid,
	"offer_expires_at" timestamp with time zone,
	"offer_count" integer DEFAULT 0 NOT NULL,
	"declined_by" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"assigned_to" uuid,
	"assigned_at" timestamp with time zone,
	"sticky_agent_id" uuid,
	"sticky_until" timestamp with time zone,
	"overflow_step" integer DEFAULT 0 NOT NULL,
	"ended_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "routing_work_items_status_check" CHECK ("routing_work_items"."status" IN ('waiting', 'offered', 'assigned', 'ended'))
);
--> statement-breakpoint
ALTER TABLE "routing_work_items" ADD CONSTRAINT "routing_work_items_queue_id_routing_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."routing_queues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "routing_agent_skills_skill_idx" ON "routing_agent_skills" USING btree ("skill_id","proficiency");--> statement-breakpoint
CREATE INDEX "routing_work_items_waiting_idx" ON "routing_work_items" USING btree ("queue_id","priority" DESC NULLS LAST,"enqueued_at") WHERE status = 'waiting';--> statement-breakpoint
CREATE INDEX "routing_work_items_offer_expiry_idx" ON "routing_work_items" USING btree ("offer_expires_at") WHERE status = 'offered';--> statement-breakpoint
CREATE INDEX "routing_work_items_agent_idx" ON "routing_work_items" USING btree ("assigned_to") WHERE status = 'assigned';--> statement-breakpoint
CREATE INDEX "routing_work_items_ref_idx" ON "routing_work_items" USING btree ("kind","ref_id");