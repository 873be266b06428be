CREATE TABLE "debtor_segments" (
	"debtor_id" uuid PRIMARY KEY NOT NULL,
	"merchant_id" uuid NOT NULL,
	"segment_id" uuid NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "segments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"merchant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"rules" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tone" text,
	"outreach" jsonb,
	"policy" jsonb,
	"offer_person_early" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "segments_tone" CHECK ("segments"."tone" is null or "segments"."tone" in ('friendly', 'neutral', 'formal'))
);
--> statement-breakpoint
ALTER TABLE "debtor_segments" ADD CONSTRAINT "debtor_segments_debtor_id_debtors_id_fk" FOREIGN KEY ("debtor_id") REFERENCES "public"."debtors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debtor_segments" ADD CONSTRAINT "debtor_segments_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debtor_segments" ADD CONSTRAINT "debtor_segments_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segments" ADD CONSTRAINT "segments_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "debtor_segments_segment" ON "debtor_segments" USING btree ("merchant_id","segment_id");--> statement-breakpoint
CREATE INDEX "segments_merchant_position" ON "segments" USING btree ("merchant_id","position");