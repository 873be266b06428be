ALTER TABLE "debtors" ADD COLUMN "street" text;--> statement-breakpoint
ALTER TABLE "debtors" ADD COLUMN "city" text;--> statement-breakpoint
ALTER TABLE "debtors" ADD COLUMN "country" text DEFAULT 'NL' NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "printed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "printed_by" uuid;--> statement-breakpoint
CREATE INDEX "outbox_print_queue" ON "outbox_messages" USING btree ("merchant_id","sent_at") WHERE "outbox_messages"."channel" = 'letter' and "outbox_messages"."status" = 'sent' and "outbox_messages"."printed_at" is null;