CREATE TABLE "standin_oauth_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"client_id" text NOT NULL,
	"redirect_uri" text NOT NULL,
	"scope" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "standin_oauth_tokens" (
	"token" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"organization_id" text NOT NULL,
	"client_id" text NOT NULL,
	"scope" text NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "standin_organizations" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"api_key" text NOT NULL,
	"profile_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "standin_organizations_api_key_unique" UNIQUE("api_key")
);
--> statement-breakpoint
CREATE TABLE "account_mails" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"sent_at" timestamp with time zone,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "email_verifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "merchant_invites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "merchant_mollie" (
	"merchant_id" uuid PRIMARY KEY NOT NULL,
	"method" text DEFAULT 'none' NOT NULL,
	"state" text DEFAULT 'none' NOT NULL,
	"mode" text,
	"organization_id" text,
	"organization_name" text,
	"profile_id" text,
	"profile_name" text,
	"access_token" text,
	"access_expires_at" timestamp with time zone,
	"refresh_token" text,
	"api_key" text,
	"secret_hint" text,
	"connected_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "merchant_mollie_method" CHECK ("merchant_mollie"."method" in ('oauth', 'api_key', 'none')),
	CONSTRAINT "merchant_mollie_state" CHECK ("merchant_mollie"."state" in ('none', 'pending_profile', 'connected', 'revoked')),
	CONSTRAINT "merchant_mollie_mode" CHECK ("merchant_mollie"."mode" is null or "merchant_mollie"."mode" in ('test', 'live'))
);
--> statement-breakpoint
CREATE TABLE "merchant_signups" (
	"merchant_id" uuid PRIMARY KEY NOT NULL,
	"owner_id" uuid NOT NULL,
	"legal_name" text NOT NULL,
	"address" text NOT NULL,
	"kvk" text NOT NULL,
	"sepa_creditor_name" text NOT NULL,
	"verified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "standin_customers" ADD COLUMN "organization_id" text DEFAULT 'org_standin' NOT NULL;--> statement-breakpoint
ALTER TABLE "standin_payments" ADD COLUMN "organization_id" text DEFAULT 'org_standin' NOT NULL;--> statement-breakpoint
ALTER TABLE "email_verifications" ADD CONSTRAINT "email_verifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merchant_mollie" ADD CONSTRAINT "merchant_mollie_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merchant_signups" ADD CONSTRAINT "merchant_signups_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merchant_signups" ADD CONSTRAINT "merchant_signups_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "email_verifications_token_hash" ON "email_verifications" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "merchant_invites_token_hash" ON "merchant_invites" USING btree ("token_hash");