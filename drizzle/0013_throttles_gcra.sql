CREATE TABLE "server_secrets" (
	"name" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "throttles" (
	"key" text PRIMARY KEY NOT NULL,
	"tat" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
DROP TABLE "rate_limits" CASCADE;