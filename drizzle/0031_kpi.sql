CREATE TABLE "kpi_cursor" (
	"name" text PRIMARY KEY NOT NULL,
	"last_event_id" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kpi_daily" (
	"merchant_id" uuid NOT NULL,
	"day" date NOT NULL,
	"segment_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"channel" text DEFAULT '' NOT NULL,
	"step" text DEFAULT '' NOT NULL,
	"bucket" integer DEFAULT 0 NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	"cents" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "kpi_daily_merchant_id_day_segment_id_metric_channel_step_bucket_pk" PRIMARY KEY("merchant_id","day","segment_id","metric","channel","step","bucket")
);
--> statement-breakpoint
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
CREATE TABLE "kpi_seen" (
	"event_id" bigint PRIMARY KEY NOT NULL
);
--> statement-breakpoint
ALTER TABLE "kpi_daily" ADD CONSTRAINT "kpi_daily_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_monthly" ADD CONSTRAINT "kpi_monthly_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;