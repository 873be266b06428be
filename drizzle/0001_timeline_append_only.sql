-- The timeline is the truth for support and reports: rows can be added, never changed or removed.
CREATE FUNCTION timeline_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'timeline_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER timeline_events_no_update_delete
	BEFORE UPDATE OR DELETE ON timeline_events
	FOR EACH ROW EXECUTE FUNCTION timeline_events_append_only();
--> statement-breakpoint
CREATE TRIGGER timeline_events_no_truncate
	BEFORE TRUNCATE ON timeline_events
	FOR EACH STATEMENT EXECUTE FUNCTION timeline_events_append_only();
