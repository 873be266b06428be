ALTER TABLE "message_attachments" ALTER COLUMN "content" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "message_attachments" ADD COLUMN "storage_key" text;--> statement-breakpoint
ALTER TABLE "message_attachments" ADD CONSTRAINT "message_attachments_bytes" CHECK ("message_attachments"."content" is null or "message_attachments"."storage_key" is null);