CREATE TABLE "assistant_turns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"merchant_id" uuid NOT NULL,
	"debtor_id" uuid NOT NULL,
	"author" text NOT NULL,
	"text" text,
	"reply" jsonb,
	"state" jsonb,
	"locale" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assistant_turns_author" CHECK ("assistant_turns"."author" in ('debtor', 'assistant')),
	CONSTRAINT "assistant_turns_text" CHECK ("assistant_turns"."text" is null or char_length("assistant_turns"."text") <= 500),
	CONSTRAINT "assistant_turns_one" CHECK (("assistant_turns"."author" = 'debtor') = ("assistant_turns"."text" is not null) and ("assistant_turns"."reply" is null) = ("assistant_turns"."text" is not null))
);
--> statement-breakpoint
ALTER TABLE "assistant_turns" ADD CONSTRAINT "assistant_turns_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistant_turns" ADD CONSTRAINT "assistant_turns_debtor_id_debtors_id_fk" FOREIGN KEY ("debtor_id") REFERENCES "public"."debtors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assistant_turns_debtor" ON "assistant_turns" USING btree ("debtor_id","created_at");