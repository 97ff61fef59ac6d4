CREATE TABLE "branch_appointments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"branch_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"slot_start" timestamp with time zone NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"email" text,
	"locale" text DEFAULT 'vi' NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"ticket_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "branch_appointments_code_key" UNIQUE("code"),
	CONSTRAINT "branch_appointments_status_check" CHECK ("branch_appointments"."status" IN ('booked', 'checked_in', 'missed'))
);
--> statement-breakpoint
CREATE TABLE "branch_counters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"branch_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"service_ids" uuid[] NOT NULL,
	"is_open" boolean DEFAULT false NOT NULL,
	"is_flexible" boolean DEFAULT false NOT NULL,
	"teller_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "branch_counters_number_key" UNIQUE("branch_id","number")
);
--> statement-breakpoint
CREATE TABLE "branch_devices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"branch_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"counter_id" uuid,
	"token_hash" text NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "branch_devices_token_key" UNIQUE("token_hash"),
	CONSTRAINT "branch_devices_kind_check" CHECK ("branch_devices"."kind" IN ('kiosk', 'display', 'pad'))
);
--> statement-breakpoint
CREATE TABLE "branch_feedback" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"branch_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"counter_id" uuid,
	"teller_id" uuid,
	"rating" smallint NOT NULL,
	"reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "branch_feedback_ticket_key" UNIQUE("ticket_id"),
	CONSTRAINT "branch_feedback_rating_check" CHECK ("branch_feedback"."rating" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE TABLE "branch_services" (
	"id" uuid PRIMARY KEY NOT NULL,
	"branch_id" uuid NOT NULL,
	"code" text NOT NULL,
	"names" jsonb NOT NULL,
	"letter" text NOT NULL,
	"wait_threshold_minutes" integer DEFAULT 15 NOT NULL,
	"line_threshold" integer DEFAULT 10 NOT NULL,
	"slot_minutes" integer DEFAULT 30 NOT NULL,
	"slot_capacity" integer DEFAULT 0 NOT NULL,
	"is_self_service" boolean DEFAULT false NOT NULL,
	"ewma_service_seconds" real DEFAULT 300 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "branch_services_code_key" UNIQUE("branch_id","code"),
	CONSTRAINT "branch_services_letter_key" UNIQUE("branch_id","letter"),
	CONSTRAINT "branch_services_letter_check" CHECK ("branch_services"."letter" ~ '^[A-Z]$')
);
--> statement-breakpoint
CREATE TABLE "branch_settings" (
	"branch_id" uuid PRIMARY KEY NOT NULL,
	"weekly" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"languages" text[] DEFAULT '{vi,en}'::text[] NOT NULL,
	"ticker" text DEFAULT '' NOT NULL,
	"max_recalls" smallint DEFAULT 2 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "branch_ticket_numbers" (
	"branch_id" uuid NOT NULL,
	"day" date NOT NULL,
	"letter" text NOT NULL,
	"last_number" integer NOT NULL,
	CONSTRAINT "branch_ticket_numbers_branch_id_day_letter_pk" PRIMARY KEY("branch_id","day","letter")
);
--> statement-breakpoint
CREATE TABLE "branch_tickets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"branch_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"original_service_id" uuid NOT NULL,
	"day" date NOT NULL,
	"number" text NOT NULL,
	"priority" smallint DEFAULT 0 NOT NULL,
	"priority_reason" text,
	"customer_id" uuid,
	"appointment_id" uuid,
	"status" text DEFAULT 'waiting' NOT NULL,
	"counter_id" uuid,
	"teller_id" uuid,
	"issued_at" timestamp with time zone NOT NULL,
	"estimated_wait_seconds" integer DEFAULT 0 NOT NULL,
	"baseline_wait_seconds" integer DEFAULT 0 NOT NULL,
	"called_at" timestamp with time zone,
	"first_called_at" timestamp with time zone,
	"recalls" smallint DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"notes" text DEFAULT '' NOT NULL,
	"public_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "branch_tickets_number_key" UNIQUE("branch_id","day","number"),
	CONSTRAINT "branch_tickets_public_key" UNIQUE("public_token"),
	CONSTRAINT "branch_tickets_status_check" CHECK ("branch_tickets"."status" IN ('waiting', 'called', 'serving', 'served', 'no_show', 'parked', 'self_service'))
);
--> statement-breakpoint
ALTER TABLE "branch_appointments" ADD CONSTRAINT "branch_appointments_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "branch_appointments" ADD CONSTRAINT "branch_appointments_service_id_branch_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."branch_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "branch_counters" ADD CONSTRAINT "branch_counters_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "branch_counters" ADD CONSTRAINT "branch_counters_teller_id_users_id_fk" FOREIGN KEY ("teller_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "branch_devices" ADD CONSTRAINT "branch_devices_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "branch_devices" ADD CONSTRAINT "branch_devices_counter_id_branch_counters_id_fk" FOREIGN KEY ("counter_id") REFERENCES "public"."branch_counters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "branch_feedback" ADD CONSTRAINT "branch_feedback_ticket_id_branch_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."branch_tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "branch_services" ADD CONSTRAINT "branch_services_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "branch_settings" ADD CONSTRAINT "branch_settings_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "branch_ticket_numbers" ADD CONSTRAINT "branch_ticket_numbers_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "branch_tickets" ADD CONSTRAINT "branch_tickets_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "branch_tickets" ADD CONSTRAINT "branch_tickets_service_id_branch_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."branch_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "branch_tickets" ADD CONSTRAINT "branch_tickets_counter_id_branch_counters_id_fk" FOREIGN KEY ("counter_id") REFERENCES "public"."branch_counters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "branch_tickets" ADD CONSTRAINT "branch_tickets_teller_id_users_id_fk" FOREIGN KEY ("teller_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "branch_appointments_slot_idx" ON "branch_appointments" USING btree ("service_id","slot_start");--> statement-breakpoint
CREATE INDEX "branch_tickets_waiting_idx" ON "branch_tickets" USING btree ("branch_id","service_id","priority" DESC NULLS LAST,"issued_at") WHERE "branch_tickets"."status" = 'waiting';--> statement-breakpoint
CREATE INDEX "branch_tickets_service_waiting_idx" ON "branch_tickets" USING btree ("service_id","priority","issued_at") WHERE "branch_tickets"."status" = 'waiting';--> statement-breakpoint
CREATE INDEX "branch_tickets_service_day_idx" ON "branch_tickets" USING btree ("service_id","day","status");--> statement-breakpoint
CREATE INDEX "branch_tickets_counter_idx" ON "branch_tickets" USING btree ("counter_id","status") WHERE "branch_tickets"."counter_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "branch_tickets_customer_idx" ON "branch_tickets" USING btree ("customer_id","issued_at") WHERE "branch_tickets"."customer_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "branch_tickets_day_idx" ON "branch_tickets" USING btree ("branch_id","day","status");