CREATE TABLE "debtor_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"merchant_id" uuid NOT NULL,
	"debtor_id" uuid NOT NULL,
	"claim_id" uuid,
	"kind" text NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"answer" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "debtor_messages_kind" CHECK ("debtor_messages"."kind" in ('already_paid', 'disagree', 'question')),
	CONSTRAINT "debtor_messages_status" CHECK ("debtor_messages"."status" in ('open', 'resolved', 'rejected')),
	CONSTRAINT "debtor_messages_body" CHECK (char_length("debtor_messages"."body") between 1 and 2000),
	CONSTRAINT "debtor_messages_answered" CHECK (("debtor_messages"."status" = 'open') = ("debtor_messages"."answer" is null))
);
--> statement-breakpoint
CREATE TABLE "message_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"merchant_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_attachments_type" CHECK ("message_attachments"."content_type" in ('application/pdf', 'image/jpeg', 'image/png')),
	CONSTRAINT "message_attachments_size" CHECK ("message_attachments"."size_bytes" between 1 and 5242880)
);
--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "disputed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "debtors" ADD COLUMN "collection_paused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "debtor_messages" ADD CONSTRAINT "debtor_messages_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debtor_messages" ADD CONSTRAINT "debtor_messages_debtor_id_debtors_id_fk" FOREIGN KEY ("debtor_id") REFERENCES "public"."debtors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debtor_messages" ADD CONSTRAINT "debtor_messages_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debtor_messages" ADD CONSTRAINT "debtor_messages_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_attachments" ADD CONSTRAINT "message_attachments_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_attachments" ADD CONSTRAINT "message_attachments_message_id_debtor_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."debtor_messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "debtor_messages_debtor" ON "debtor_messages" USING btree ("debtor_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "message_attachments_message" ON "message_attachments" USING btree ("message_id");