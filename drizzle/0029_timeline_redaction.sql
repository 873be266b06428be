-- The timeline stays append-only, with one narrow exception: the erasure routine (privacy/erase.ts) may replace an
-- event's payload, and nothing else of it, inside a transaction that set `coulant.erasing` to 'on' for itself
-- (set_config(…, true) lasts only until that transaction ends). DELETE and TRUNCATE stay refused always.
CREATE OR REPLACE FUNCTION timeline_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'UPDATE' AND coalesce(current_setting('coulant.erasing', true), '') = 'on'
		AND NEW.id = OLD.id AND NEW.merchant_id = OLD.merchant_id AND NEW.debtor_id = OLD.debtor_id
		AND NEW.claim_id IS NOT DISTINCT FROM OLD.claim_id AND NEW.type = OLD.type AND NEW.actor = OLD.actor
		AND NEW.occurred_at = OLD.occurred_at THEN
		RETURN NEW;
	END IF;
	RAISE EXCEPTION 'timeline_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
