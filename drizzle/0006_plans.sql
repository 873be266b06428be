CREATE TABLE "standin_collection_faults" (
	"id" serial PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"remaining" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "standin_customers" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text,
	"email" text,
	"metadata" jsonb,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "standin_mandates" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"status" text NOT NULL,
	"method" text NOT NULL,
	"consumer_name" text NOT NULL,
	"consumer_account" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "standin_subscriptions" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"mandate_id" text NOT NULL,
	"status" text NOT NULL,
	"amount_value" text NOT NULL,
	"currency" text NOT NULL,
	"interval" text NOT NULL,
	"times" integer,
	"times_collected" integer DEFAULT 0 NOT NULL,
	"start_date" text NOT NULL,
	"next_payment_date" text,
	"description" text NOT NULL,
	"webhook_url" text,
	"metadata" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"canceled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "instalments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"due_on" date NOT NULL,
	"amount_cents" bigint NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"paid_at" timestamp with time zone,
	CONSTRAINT "instalments_status" CHECK ("instalments"."status" in ('scheduled', 'pending', 'paid', 'missed'))
);
--> statement-breakpoint
CREATE TABLE "plan_claims" (
	"plan_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	CONSTRAINT "plan_claims_plan_id_claim_id_pk" PRIMARY KEY("plan_id","claim_id")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"merchant_id" uuid NOT NULL,
	"debtor_id" uuid NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"collection" text NOT NULL,
	"frequency" text NOT NULL,
	"terms" integer NOT NULL,
	"total_cents" bigint NOT NULL,
	"currency" text NOT NULL,
	"mollie_customer_id" text,
	"mollie_mandate_id" text,
	"mollie_subscription_id" text,
	"mandate_account" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plans_status" CHECK ("plans"."status" in ('proposed', 'active', 'at_risk', 'broken', 'completed', 'canceled')),
	CONSTRAINT "plans_collection" CHECK ("plans"."collection" in ('direct_debit', 'pay_by_link'))
);
--> statement-breakpoint
ALTER TABLE "payments" ALTER COLUMN "idempotency_key" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ALTER COLUMN "return_token_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "amount_paid_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "purpose" text DEFAULT 'balance' NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "instalment_id" uuid;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "sequence_type" text DEFAULT 'oneoff' NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "charged_back_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "standin_payments" ADD COLUMN "customer_id" text;--> statement-breakpoint
ALTER TABLE "standin_payments" ADD COLUMN "mandate_id" text;--> statement-breakpoint
ALTER TABLE "standin_payments" ADD COLUMN "subscription_id" text;--> statement-breakpoint
ALTER TABLE "standin_payments" ADD COLUMN "amount_charged_back" text;--> statement-breakpoint
ALTER TABLE "instalments" ADD CONSTRAINT "instalments_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_claims" ADD CONSTRAINT "plan_claims_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_claims" ADD CONSTRAINT "plan_claims_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_debtor_id_debtors_id_fk" FOREIGN KEY ("debtor_id") REFERENCES "public"."debtors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "instalments_plan_number" ON "instalments" USING btree ("plan_id","number");--> statement-breakpoint
CREATE INDEX "plans_debtor" ON "plans" USING btree ("debtor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_subscription" ON "plans" USING btree ("mollie_subscription_id");--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_paid_within_amount" CHECK ("claims"."amount_paid_cents" >= 0 and "claims"."amount_paid_cents" <= "claims"."amount_cents");