ALTER TABLE "case_field_definitions" ADD COLUMN "is_active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "case_field_definitions" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "case_sla_clocks" ADD COLUMN "thresholds_at" timestamp with time zone[];--> statement-breakpoint
ALTER TABLE "case_sla_policies" ADD COLUMN "is_active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "case_sla_policies" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;