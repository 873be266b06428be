ALTER TABLE "debtors" ADD COLUMN "locale_given" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "merchants" ADD COLUMN "default_locale" text DEFAULT 'nl' NOT NULL;--> statement-breakpoint
ALTER TABLE "merchants" ADD CONSTRAINT "merchants_default_locale" CHECK ("merchants"."default_locale" in ('nl', 'en', 'de', 'fr', 'tr', 'pl', 'ar'));