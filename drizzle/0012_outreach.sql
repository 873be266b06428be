CREATE TABLE "journey_progress" (
	"debtor_id" uuid PRIMARY KEY NOT NULL,
	"merchant_id" uuid NOT NULL,
	"episode" integer DEFAULT 1 NOT NULL,
	"progress" jsonb,
	"held_because" text,
	"term_ends_on" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"merchant_id" uuid NOT NULL,
	"debtor_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"step_id" text,
	"dedupe_key" text NOT NULL,
	"channel" text DEFAULT 'email' NOT NULL,
	"to_address" text NOT NULL,
	"locale" text NOT NULL,
	"tone" text NOT NULL,
	"claim_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"instalment_id" uuid,
	"subject" text NOT NULL,
	"html" text NOT NULL,
	"text" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"send_after" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"message_id" text NOT NULL,
	"transport" text,
	"reason" text,
	"claimed_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"stop_token_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbox_status" CHECK ("outbox_messages"."status" in ('queued', 'sending', 'sent', 'deferred', 'bounced', 'canceled')),
	CONSTRAINT "outbox_channel" CHECK ("outbox_messages"."channel" in ('email'))
);
--> statement-breakpoint
CREATE TABLE "outreach_cursor" (
	"name" text PRIMARY KEY NOT NULL,
	"last_event_id" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "debtors" ADD COLUMN "email_bounced_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "debtors" ADD COLUMN "email_bounce_reason" text;--> statement-breakpoint
ALTER TABLE "debtors" ADD COLUMN "reminders_stopped_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "links" ADD COLUMN "message_id" uuid;--> statement-breakpoint
ALTER TABLE "merchants" ADD COLUMN "outreach" jsonb;--> statement-breakpoint
ALTER TABLE "journey_progress" ADD CONSTRAINT "journey_progress_debtor_id_debtors_id_fk" FOREIGN KEY ("debtor_id") REFERENCES "public"."debtors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_progress" ADD CONSTRAINT "journey_progress_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_debtor_id_debtors_id_fk" FOREIGN KEY ("debtor_id") REFERENCES "public"."debtors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_dedupe" ON "outbox_messages" USING btree ("debtor_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "outbox_due" ON "outbox_messages" USING btree ("send_after") WHERE "outbox_messages"."status" in ('queued', 'deferred', 'sending');--> statement-breakpoint
CREATE INDEX "outbox_merchant_recent" ON "outbox_messages" USING btree ("merchant_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "outbox_debtor" ON "outbox_messages" USING btree ("debtor_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_stop_token" ON "outbox_messages" USING btree ("stop_token_hash");