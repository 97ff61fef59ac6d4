CREATE TABLE "analytics_business_unit_topics" (
	"unit_id" uuid NOT NULL,
	"reason_id" uuid NOT NULL,
	CONSTRAINT "analytics_business_unit_topics_unit_id_reason_id_pk" PRIMARY KEY("unit_id","reason_id")
);
--> statement-breakpoint
CREATE TABLE "analytics_business_units" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"language" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "analytics_business_unit_topics" ADD CONSTRAINT "analytics_business_unit_topics_unit_id_analytics_business_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."analytics_business_units"("id") ON DELETE cascade ON UPDATE no action;