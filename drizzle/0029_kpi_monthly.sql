CREATE TABLE "kpi_monthly" (
	"merchant_id" uuid NOT NULL,
	"month" date NOT NULL,
	"segment_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"channel" text DEFAULT '' NOT NULL,
	"step" text DEFAULT '' NOT NULL,
	"bucket" integer DEFAULT 0 NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	"cents" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "kpi_monthly_merchant_id_month_segment_id_metric_channel_step_bucket_pk" PRIMARY KEY("merchant_id","month","segment_id","metric","channel","step","bucket")
);
--> statement-breakpoint
ALTER TABLE "kpi_monthly" ADD CONSTRAINT "kpi_monthly_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;