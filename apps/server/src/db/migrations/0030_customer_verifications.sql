-- One-time passwords for verifying a customer during a contact (issue #8): only an HMAC of the code,
-- its expiry and attempts; a verified row is the conversation's proof of verification.
CREATE TABLE "customer_verifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"conversation_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"notification_id" uuid,
	"sent_by" uuid NOT NULL,
	"verified_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"verified_at" timestamp with time zone,
	CONSTRAINT "customer_verifications_status_check" CHECK ("customer_verifications"."status" IN ('pending', 'verified', 'failed', 'expired', 'superseded')),
	CONSTRAINT "customer_verifications_attempts_check" CHECK ("customer_verifications"."attempts" >= 0)
);
--> statement-breakpoint
ALTER TABLE "customer_verifications" ADD CONSTRAINT "customer_verifications_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_verifications" ADD CONSTRAINT "customer_verifications_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_verifications" ADD CONSTRAINT "customer_verifications_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_verifications_conversation_idx" ON "customer_verifications" USING btree ("conversation_id","created_at");--> statement-breakpoint
CREATE INDEX "customer_verifications_customer_idx" ON "customer_verifications" USING btree ("customer_id","created_at");