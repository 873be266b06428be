ALTER TABLE "debtors" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(name || ' ' || coalesce(email, '') || ' ' || customer_ref)) STORED;--> statement-breakpoint
CREATE INDEX "claims_reference_search_trgm" ON "claims" USING gin (lower("reference") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "debtors_search_trgm" ON "debtors" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
-- The search now reads search_text and lower(reference); the four trigram indexes of 0008 are no longer used.
DROP INDEX IF EXISTS "debtors_name_trgm";--> statement-breakpoint
DROP INDEX IF EXISTS "debtors_email_trgm";--> statement-breakpoint
DROP INDEX IF EXISTS "debtors_customer_ref_trgm";--> statement-breakpoint
DROP INDEX IF EXISTS "claims_reference_trgm";
