-- The funnel stage a timeline entry stands for (the results dashboard, server/kpi): one definition, shared by the
-- follower's look-ups. Drizzle cannot express a function, hence this custom migration.
create or replace function kpi_stage(t text, p jsonb) returns text language sql immutable as $$
	select case
		when t = 'outreach.sent' then 'sent'
		when t = 'link.opened' then 'opened'
		when t = 'video.completed' or (t = 'video.progress' and coalesce((p->>'percent')::int, 0) >= 50) then 'watched'
		when t in ('payment.started', 'plan.created', 'promise.made') then 'chose'
		when t in ('payment.paid', 'instalment.paid') then 'paid'
	end
$$;
--> statement-breakpoint
-- The follower's look-ups ("the debtor's first/latest event of this stage before this one") read this index instead
-- of the debtor's whole history; partial, so events no figure needs cost nothing.
create index timeline_kpi_stage on timeline_events (debtor_id, kpi_stage(type, payload), id) where kpi_stage(type, payload) is not null;
