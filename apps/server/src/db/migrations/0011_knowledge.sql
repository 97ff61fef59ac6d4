CREATE TABLE "knowledge_articles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"group_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"category_id" uuid,
	"status" text NOT NULL,
	"visibility" text NOT NULL,
	"audience" text[] DEFAULT '{}' NOT NULL,
	"products" text[] DEFAULT '{}' NOT NULL,
	"owner_id" uuid,
	"review_by" date,
	"latest_version" integer NOT NULL,
	"published_version" integer,
	"publish_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"title" text NOT NULL,
	"body_html" text NOT NULL,
	"answer" text NOT NULL,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"search_doc" "tsvector",
	"views" integer DEFAULT 0 NOT NULL,
	"helpful" integer DEFAULT 0 NOT NULL,
	"not_helpful" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_categories" (
	"id" uuid PRIMARY KEY NOT NULL,
	"parent_id" uuid,
	"position" integer DEFAULT 0 NOT NULL,
	"names" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_feedback" (
	"id" uuid PRIMARY KEY NOT NULL,
	"article_id" uuid NOT NULL,
	"user_id" uuid,
	"source" text NOT NULL,
	"is_helpful" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_images" (
	"id" uuid PRIMARY KEY NOT NULL,
	"content_type" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_lexemes" (
	"term" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_searches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid,
	"source" text NOT NULL,
	"query" text NOT NULL,
	"locale" text,
	"result_count" integer NOT NULL,
	"opened_article_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_synonyms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"terms" text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_versions" (
	"article_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"state" text NOT NULL,
	"title" text NOT NULL,
	"body_html" text NOT NULL,
	"answer" text NOT NULL,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"author_id" uuid,
	"approved_by" uuid,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "knowledge_versions_article_id_version_pk" PRIMARY KEY("article_id","version")
);
--> statement-breakpoint
CREATE INDEX "knowledge_articles_search_idx" ON "knowledge_articles" USING gin ("search_doc");--> statement-breakpoint
CREATE INDEX "knowledge_articles_group_idx" ON "knowledge_articles" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "knowledge_articles_status_idx" ON "knowledge_articles" USING btree ("status","locale");--> statement-breakpoint
CREATE INDEX "knowledge_articles_publish_at_idx" ON "knowledge_articles" USING btree ("publish_at") WHERE publish_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "knowledge_categories_parent_idx" ON "knowledge_categories" USING btree ("parent_id","position");--> statement-breakpoint
CREATE INDEX "knowledge_feedback_article_idx" ON "knowledge_feedback" USING btree ("article_id");--> statement-breakpoint
CREATE INDEX "knowledge_searches_created_idx" ON "knowledge_searches" USING btree ("created_at");