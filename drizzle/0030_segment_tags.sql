ALTER TABLE "debtors" ADD COLUMN "tags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "segments" ADD COLUMN "calm" boolean DEFAULT false NOT NULL;