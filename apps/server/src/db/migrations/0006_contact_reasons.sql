CREATE TABLE "contact_reasons" (
	"id" uuid PRIMARY KEY NOT NULL,
	"parent_id" uuid,
	"code" text NOT NULL,
	"names" jsonb NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "contact_reasons_code_key" ON "contact_reasons" USING btree ("code");--> statement-breakpoint
CREATE INDEX "contact_reasons_parent_idx" ON "contact_reasons" USING btree ("parent_id");