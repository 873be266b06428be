CREATE TABLE "promise_claims" (
	"promise_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	CONSTRAINT "promise_claims_promise_id_claim_id_pk" PRIMARY KEY("promise_id","claim_id")
);
--> statement-breakpoint
CREATE TABLE "promises" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"merchant_id" uuid NOT NULL,
	"debtor_id" uuid NOT NULL,
	"promised_on" date NOT NULL,
	"amount_cents" bigint NOT NULL,
	"currency" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "promises_status" CHECK ("promises"."status" in ('open', 'kept', 'broken'))
);
--> statement-breakpoint
ALTER TABLE "merchants" ADD COLUMN "policy" jsonb;--> statement-breakpoint
ALTER TABLE "promise_claims" ADD CONSTRAINT "promise_claims_promise_id_promises_id_fk" FOREIGN KEY ("promise_id") REFERENCES "public"."promises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promise_claims" ADD CONSTRAINT "promise_claims_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promises" ADD CONSTRAINT "promises_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promises" ADD CONSTRAINT "promises_debtor_id_debtors_id_fk" FOREIGN KEY ("debtor_id") REFERENCES "public"."debtors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "promises_debtor" ON "promises" USING btree ("debtor_id");--> statement-breakpoint
CREATE INDEX "promises_open_due" ON "promises" USING btree ("status","promised_on");