CREATE TABLE "debtor_videos" (
	"debtor_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"merchant_id" uuid NOT NULL,
	"state" text NOT NULL,
	"wanted" text,
	"published" text,
	"chunk" text,
	"render_ms" integer,
	"error" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "debtor_videos_debtor_id_locale_pk" PRIMARY KEY("debtor_id","locale"),
	CONSTRAINT "debtor_videos_state" CHECK ("debtor_videos"."state" in ('none', 'waiting', 'rendering', 'ready', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "video_changes" (
	"debtor_id" uuid PRIMARY KEY NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "debtor_videos" ADD CONSTRAINT "debtor_videos_debtor_id_debtors_id_fk" FOREIGN KEY ("debtor_id") REFERENCES "public"."debtors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debtor_videos" ADD CONSTRAINT "debtor_videos_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_changes" ADD CONSTRAINT "video_changes_debtor_id_debtors_id_fk" FOREIGN KEY ("debtor_id") REFERENCES "public"."debtors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "debtor_videos_merchant_state" ON "debtor_videos" USING btree ("merchant_id","state");--> statement-breakpoint
-- Any change to what a debtor's video says marks the debtor (see src/lib/server/video/changes.ts). Triggers, so
-- that no code path (payments, plans, support, settings, imports, a manual UPDATE) can forget to.
CREATE FUNCTION video_mark_debtors(ids uuid[]) RETURNS void LANGUAGE sql AS $$
	INSERT INTO video_changes (debtor_id, changed_at)
	SELECT DISTINCT id, clock_timestamp() FROM unnest(ids) AS id WHERE id IS NOT NULL
	ON CONFLICT (debtor_id) DO UPDATE SET changed_at = excluded.changed_at;
$$;
--> statement-breakpoint
-- Claims arrive in bulk (imports): one statement-level trigger per statement, with the rows it touched.
CREATE FUNCTION video_claims_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM video_mark_debtors(ARRAY(SELECT DISTINCT debtor_id FROM added));
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION video_claims_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM video_mark_debtors(ARRAY(
		SELECT DISTINCT n.debtor_id FROM after_rows n JOIN before_rows o ON o.id = n.id
		WHERE (o.status, o.amount_cents, o.amount_paid_cents, o.disputed_at, o.due_on, o.currency, o.debtor_id)
		      IS DISTINCT FROM (n.status, n.amount_cents, n.amount_paid_cents, n.disputed_at, n.due_on, n.currency, n.debtor_id)));
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION video_claims_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM video_mark_debtors(ARRAY(SELECT DISTINCT debtor_id FROM removed));
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER claims_video_inserted AFTER INSERT ON claims REFERENCING NEW TABLE AS added
	FOR EACH STATEMENT EXECUTE FUNCTION video_claims_inserted();
--> statement-breakpoint
CREATE TRIGGER claims_video_updated AFTER UPDATE ON claims REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
	FOR EACH STATEMENT EXECUTE FUNCTION video_claims_updated();
--> statement-breakpoint
CREATE TRIGGER claims_video_deleted AFTER DELETE ON claims REFERENCING OLD TABLE AS removed
	FOR EACH STATEMENT EXECUTE FUNCTION video_claims_deleted();
--> statement-breakpoint
-- Plans and promises: made, or their status changed (on track, at risk, broken, kept, ...).
CREATE FUNCTION video_row_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		PERFORM video_mark_debtors(ARRAY[OLD.debtor_id]);
	ELSE
		PERFORM video_mark_debtors(ARRAY[NEW.debtor_id]);
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER plans_video_changed AFTER INSERT OR DELETE ON plans FOR EACH ROW EXECUTE FUNCTION video_row_changed();
--> statement-breakpoint
CREATE TRIGGER plans_video_status AFTER UPDATE OF status ON plans
	FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION video_row_changed();
--> statement-breakpoint
CREATE TRIGGER promises_video_changed AFTER INSERT OR DELETE ON promises FOR EACH ROW EXECUTE FUNCTION video_row_changed();
--> statement-breakpoint
CREATE TRIGGER promises_video_status AFTER UPDATE OF status ON promises
	FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION video_row_changed();
--> statement-breakpoint
-- The debtor: name (the greeting), language, a goodwill pause.
CREATE FUNCTION video_debtor_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM video_mark_debtors(ARRAY[NEW.id]);
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER debtors_video_changed AFTER UPDATE OF name, locale, collection_paused_at ON debtors
	FOR EACH ROW WHEN ((OLD.name, OLD.locale, OLD.collection_paused_at IS NULL) IS DISTINCT FROM (NEW.name, NEW.locale, NEW.collection_paused_at IS NULL))
	EXECUTE FUNCTION video_debtor_changed();
--> statement-breakpoint
-- The merchant's look, tone or policy: every debtor of theirs with something open.
CREATE FUNCTION video_merchant_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM video_mark_debtors(ARRAY(SELECT DISTINCT c.debtor_id FROM claims c WHERE c.merchant_id = NEW.id AND c.status = 'open'));
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER merchants_video_changed AFTER UPDATE OF display_name, tone, brand_color, accent_color, logo_hash, logo_type, policy ON merchants
	FOR EACH ROW WHEN ((OLD.display_name, OLD.tone, OLD.brand_color, OLD.accent_color, OLD.logo_hash, OLD.logo_type, OLD.policy::text)
		IS DISTINCT FROM (NEW.display_name, NEW.tone, NEW.brand_color, NEW.accent_color, NEW.logo_hash, NEW.logo_type, NEW.policy::text))
	EXECUTE FUNCTION video_merchant_changed();
