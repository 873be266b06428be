CREATE TABLE "agencies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"merchant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"email" text,
	"phone" text,
	"website" text,
	"pay_via_coulant" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "agencies_kind" CHECK ("agencies"."kind" in ('agency', 'bailiff'))
);
--> statement-breakpoint
CREATE TABLE "handover_claims" (
	"handover_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	"open_cents" bigint NOT NULL,
	CONSTRAINT "handover_claims_handover_id_claim_id_pk" PRIMARY KEY("handover_id","claim_id")
);
--> statement-breakpoint
CREATE TABLE "handovers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"merchant_id" uuid NOT NULL,
	"debtor_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"status" text NOT NULL,
	"proposed_by" text NOT NULL,
	"reason" text NOT NULL,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"taken_back_at" timestamp with time zone,
	"taken_back_by" text,
	"take_back_reason" text,
	"evidence" "bytea",
	"evidence_head" text,
	"evidence_sha256" text,
	CONSTRAINT "handovers_status" CHECK ("handovers"."status" in ('proposed', 'handed_over', 'declined', 'taken_back'))
);
--> statement-breakpoint
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_claims" ADD CONSTRAINT "handover_claims_handover_id_handovers_id_fk" FOREIGN KEY ("handover_id") REFERENCES "public"."handovers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_claims" ADD CONSTRAINT "handover_claims_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_debtor_id_debtors_id_fk" FOREIGN KEY ("debtor_id") REFERENCES "public"."debtors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agencies_merchant" ON "agencies" USING btree ("merchant_id");--> statement-breakpoint
CREATE INDEX "handover_claims_claim" ON "handover_claims" USING btree ("claim_id");--> statement-breakpoint
CREATE UNIQUE INDEX "handovers_live_debtor" ON "handovers" USING btree ("debtor_id") WHERE "handovers"."status" in ('proposed', 'handed_over');--> statement-breakpoint
CREATE INDEX "handovers_merchant_status" ON "handovers" USING btree ("merchant_id","status");