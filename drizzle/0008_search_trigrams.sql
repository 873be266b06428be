-- Support searches debtors by any part of a name, e-mail, customer number or invoice reference, as they type.
-- Trigram indexes let those `ILIKE '%…%'` searches use an index instead of reading every row.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS debtors_name_trgm ON debtors USING gin (name gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS debtors_email_trgm ON debtors USING gin (email gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS debtors_customer_ref_trgm ON debtors USING gin (customer_ref gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS claims_reference_trgm ON claims USING gin (reference gin_trgm_ops);
