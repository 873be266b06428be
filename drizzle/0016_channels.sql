ALTER TABLE "outbox_messages" DROP CONSTRAINT "outbox_channel";--> statement-breakpoint
ALTER TABLE "debtors" ADD COLUMN "preferred_channel" text;--> statement-breakpoint
ALTER TABLE "debtors" ADD COLUMN "sms_stopped_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "debtors" ADD COLUMN "phone_failed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "debtors" ADD COLUMN "phone_fail_reason" text;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "tried" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "cost_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "parts" integer;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "delivered_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "debtors_phone" ON "debtors" USING btree ("phone") WHERE "debtors"."phone" is not null;--> statement-breakpoint
CREATE INDEX "outbox_merchant_channel" ON "outbox_messages" USING btree ("merchant_id","channel","created_at" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "debtors" ADD CONSTRAINT "debtors_preferred_channel" CHECK ("debtors"."preferred_channel" in ('email', 'sms', 'letter'));--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_channel" CHECK ("outbox_messages"."channel" in ('email', 'sms', 'letter', 'push'));