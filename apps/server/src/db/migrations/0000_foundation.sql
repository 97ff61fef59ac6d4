CREATE TABLE "audit_head" (
	"id" text PRIMARY KEY DEFAULT 'head' NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"action" text NOT NULL,
	"target_type" text,
	"target_id" text,
	"ip" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_log_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "event_handled" (
	"event_id" uuid NOT NULL,
	"handler" text NOT NULL,
	"handled_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_handled_event_id_handler_pk" PRIMARY KEY("event_id","handler")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"position" bigserial PRIMARY KEY NOT NULL,
	"id" uuid NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"actor_id" uuid,
	"audience" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"txid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dispatched_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_error" text,
	CONSTRAINT "outbox_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "core_demo_accounts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"account_no" text NOT NULL,
	"product" text NOT NULL,
	"currency" text NOT NULL,
	"balance" numeric(18, 2) NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	CONSTRAINT "core_demo_accounts_product_check" CHECK ("core_demo_accounts"."product" IN ('current', 'savings', 'term_deposit', 'loan', 'mortgage')),
	CONSTRAINT "core_demo_accounts_currency_check" CHECK ("core_demo_accounts"."currency" IN ('VND', 'CNY', 'USD')),
	CONSTRAINT "core_demo_accounts_status_check" CHECK ("core_demo_accounts"."status" IN ('active', 'dormant', 'frozen', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "core_demo_cards" (
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"account_id" uuid,
	"pan_masked" text NOT NULL,
	"last4" text NOT NULL,
	"brand" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"currency" text NOT NULL,
	"credit_limit" numeric(18, 2),
	"expires" text NOT NULL,
	"blocked_at" timestamp with time zone,
	"block_reason" text,
	"blocked_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "core_demo_cards_pan_masked_check" CHECK ("core_demo_cards"."pan_masked" ~ '^[0-9]{6}[*]{3,9}[0-9]{4}$'),
	CONSTRAINT "core_demo_cards_last4_check" CHECK ("core_demo_cards"."last4" ~ '^[0-9]{4}$' AND right("core_demo_cards"."pan_masked", 4) = "core_demo_cards"."last4"),
	CONSTRAINT "core_demo_cards_brand_check" CHECK ("core_demo_cards"."brand" IN ('visa', 'mastercard', 'unionpay', 'napas', 'jcb')),
	CONSTRAINT "core_demo_cards_kind_check" CHECK ("core_demo_cards"."kind" IN ('debit', 'credit')),
	CONSTRAINT "core_demo_cards_status_check" CHECK ("core_demo_cards"."status" IN ('active', 'blocked', 'lost', 'expired')),
	CONSTRAINT "core_demo_cards_currency_check" CHECK ("core_demo_cards"."currency" IN ('VND', 'CNY', 'USD')),
	CONSTRAINT "core_demo_cards_expires_check" CHECK ("core_demo_cards"."expires" ~ '^(0[1-9]|1[0-2])/[0-9]{2}$'),
	CONSTRAINT "core_demo_cards_credit_limit_check" CHECK (("core_demo_cards"."kind" = 'credit') = ("core_demo_cards"."credit_limit" IS NOT NULL)),
	CONSTRAINT "core_demo_cards_block_reason_check" CHECK ("core_demo_cards"."block_reason" IN ('lost', 'stolen', 'suspected_fraud', 'customer_request'))
);
--> statement-breakpoint
CREATE TABLE "customer_identities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"verified" boolean DEFAULT false NOT NULL,
	"is_primary" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_identities_kind_check" CHECK ("customer_identities"."kind" IN ('phone', 'email', 'visitor', 'national_id')),
	CONSTRAINT "customer_identities_value_check" CHECK (("customer_identities"."kind" <> 'phone' OR "customer_identities"."value" ~ '^\+[1-9][0-9]{6,14}$')
        AND ("customer_identities"."kind" <> 'email' OR "customer_identities"."value" = lower("customer_identities"."value"))
        AND ("customer_identities"."kind" <> 'national_id' OR "customer_identities"."value" ~ '^[0-9a-f]{64}$'))
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_no" text NOT NULL,
	"full_name" text NOT NULL,
	"family_name" text,
	"given_name" text,
	"latin_name" text,
	"search_name" text NOT NULL,
	"gender" text,
	"preferred_language" text DEFAULT 'en' NOT NULL,
	"segment" text DEFAULT 'mass' NOT NULL,
	"vip_tier" text DEFAULT 'none' NOT NULL,
	"national_id_masked" text,
	"national_id_hash" text,
	"date_of_birth" date,
	"home_branch_id" uuid,
	"marketing_sms" boolean DEFAULT false NOT NULL,
	"marketing_email" boolean DEFAULT false NOT NULL,
	"marketing_call" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "customers_preferred_language_check" CHECK ("customers"."preferred_language" IN ('en', 'zh-CN', 'vi')),
	CONSTRAINT "customers_segment_check" CHECK ("customers"."segment" IN ('mass', 'affluent', 'private', 'sme')),
	CONSTRAINT "customers_vip_tier_check" CHECK ("customers"."vip_tier" IN ('none', 'silver', 'gold', 'platinum')),
	CONSTRAINT "customers_gender_check" CHECK ("customers"."gender" IN ('female', 'male')),
	CONSTRAINT "customers_national_id_masked_check" CHECK ("customers"."national_id_masked" ~ '^[0-9A-Z]{0,4}[*]+[0-9A-Z]{0,2}$'),
	CONSTRAINT "customers_national_id_hash_check" CHECK ("customers"."national_id_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"scopes" text[] NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_token_hash_key" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "branches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"city" text NOT NULL,
	"country" text NOT NULL,
	"time_zone" text NOT NULL,
	"is_head_office" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "branches_code_key" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "departments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "departments_code_key" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "login_throttle" (
	"ip" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"blocked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"ip" text,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "sessions_token_hash_key" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "skills" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "skills_code_key" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"department_id" uuid,
	"branch_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_skills" (
	"user_id" uuid NOT NULL,
	"skill_id" uuid NOT NULL,
	"proficiency" smallint NOT NULL,
	CONSTRAINT "user_skills_user_id_skill_id_pk" PRIMARY KEY("user_id","skill_id"),
	CONSTRAINT "user_skills_proficiency_check" CHECK ("user_skills"."proficiency" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE TABLE "user_teams" (
	"user_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	CONSTRAINT "user_teams_user_id_team_id_pk" PRIMARY KEY("user_id","team_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"email" text,
	"password_hash" text NOT NULL,
	"roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"department_id" uuid,
	"branch_id" uuid,
	"locale" text DEFAULT 'en' NOT NULL,
	"theme" text DEFAULT 'auto' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"mfa_secret" text,
	"mfa_pending_secret" text,
	"mfa_enabled" boolean DEFAULT false NOT NULL,
	"mfa_recovery_hashes" text[] DEFAULT '{}'::text[] NOT NULL,
	"mfa_last_step" integer,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"password_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "users_status_check" CHECK ("users"."status" IN ('active', 'disabled'))
);
--> statement-breakpoint
ALTER TABLE "core_demo_accounts" ADD CONSTRAINT "core_demo_accounts_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core_demo_cards" ADD CONSTRAINT "core_demo_cards_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core_demo_cards" ADD CONSTRAINT "core_demo_cards_account_id_core_demo_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."core_demo_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_identities" ADD CONSTRAINT "customer_identities_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_home_branch_id_branches_id_fk" FOREIGN KEY ("home_branch_id") REFERENCES "public"."branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_skills" ADD CONSTRAINT "user_skills_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_skills" ADD CONSTRAINT "user_skills_skill_id_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."skills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_teams" ADD CONSTRAINT "user_teams_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_teams" ADD CONSTRAINT "user_teams_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id","seq");--> statement-breakpoint
CREATE INDEX "outbox_txid_position_idx" ON "outbox" USING btree ("txid","position");--> statement-breakpoint
CREATE INDEX "outbox_undispatched_idx" ON "outbox" USING btree ("position") WHERE dispatched_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "core_demo_accounts_account_no_key" ON "core_demo_accounts" USING btree ("account_no");--> statement-breakpoint
CREATE INDEX "core_demo_accounts_customer_idx" ON "core_demo_accounts" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "core_demo_cards_customer_idx" ON "core_demo_cards" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "core_demo_cards_last4_idx" ON "core_demo_cards" USING btree ("last4");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_identities_kind_value_key" ON "customer_identities" USING btree ("kind","value");--> statement-breakpoint
CREATE INDEX "customer_identities_customer_idx" ON "customer_identities" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "customer_identities_value_prefix_idx" ON "customer_identities" USING btree ("kind","value" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "customer_identities_primary_key" ON "customer_identities" USING btree ("customer_id","kind") WHERE "customer_identities"."is_primary";--> statement-breakpoint
CREATE UNIQUE INDEX "customers_customer_no_key" ON "customers" USING btree ("customer_no");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_national_id_hash_key" ON "customers" USING btree ("national_id_hash");--> statement-breakpoint
CREATE INDEX "customers_search_name_idx" ON "customers" USING btree ("search_name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "customers_home_branch_idx" ON "customers" USING btree ("home_branch_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "teams_name_key" ON "teams" USING btree ("name");--> statement-breakpoint
CREATE INDEX "user_teams_team_idx" ON "user_teams" USING btree ("team_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_key" ON "users" USING btree (lower("username"));