CREATE TABLE "email_reply_options" (
	"conversation_id" uuid NOT NULL,
	"client_id" text NOT NULL,
	"html" text,
	"cc" text[] NOT NULL,
	"bcc" text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "email_reply_options_conversation_id_client_id_pk" PRIMARY KEY("conversation_id","client_id")
);
