ALTER TABLE "claims" ADD COLUMN "kind" text DEFAULT 'invoice' NOT NULL;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "costs_for_message_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "claims_costs_once" ON "claims" USING btree ("costs_for_message_id");--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_kind" CHECK ("claims"."kind" in ('invoice', 'collection_costs'));