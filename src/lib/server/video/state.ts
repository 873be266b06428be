// Per debtor and language: which video the facts call for (wanted), which is published, and where its render
// stands (none | waiting | rendering | ready | failed). Also the changed debtors the triggers mark (video_changes).
import { and, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/client';
import { debtorVideos, videoChanges, type VideoState } from '../db/schema';

type Key = { debtorId: string; merchantId: string; locale: string };

/** The published name this row had before an update, so the caller can retire its files. */
type Previous = { published: string | null };

async function upsert(db: Db, key: Key, set: Partial<typeof debtorVideos.$inferInsert> & { state: VideoState }): Promise<Previous> {
	// The previous published name, read in the same statement as the update.
	const [row] = rowsOf<{ previous: string | null }>(
		await db.execute(sql`
		with before as (select published from debtor_videos where debtor_id = ${key.debtorId}::uuid and locale = ${key.locale} for update)
		insert into debtor_videos (debtor_id, locale, merchant_id, state, wanted, published, chunk, render_ms, error, updated_at)
		values (${key.debtorId}::uuid, ${key.locale}, ${key.merchantId}::uuid, ${set.state}, ${set.wanted ?? null}, ${set.published ?? null},
		        ${set.chunk ?? null}, ${set.renderMs ?? null}, ${set.error ?? null}, now())
		on conflict (debtor_id, locale) do update set
			state = excluded.state,
			wanted = ${'wanted' in set ? sql`excluded.wanted` : sql`debtor_videos.wanted`},
			published = ${'published' in set ? sql`excluded.published` : sql`debtor_videos.published`},
			chunk = ${'chunk' in set ? sql`excluded.chunk` : sql`debtor_videos.chunk`},
			render_ms = ${'renderMs' in set ? sql`excluded.render_ms` : sql`debtor_videos.render_ms`},
			error = excluded.error,
			updated_at = now()
		returning (select published from before) as previous`)
	);
	return { published: row?.previous ?? null };
}

/** The facts call for this video and it is not published yet: a render is asked for. */
export const waiting = (db: Db, key: Key, wanted: string) => upsert(db, key, { state: 'waiting', wanted });

/** A render of `wanted` starts. */
export const rendering = (db: Db, key: Key, wanted: string) => upsert(db, key, { state: 'rendering', wanted });

/**
 * `name` is published. After a render (`afterRender`), the row is ready unless the facts moved on while it rendered
 * (then it stays waiting for the newer render; the page never offers the older one anyway, as it names the video by
 * the facts it shows). Otherwise the caller has just read the facts, so `name` is what they call for.
 */
export async function ready(
	db: Db,
	key: Key,
	done: { name: string; chunk: string | null; renderMs?: number; afterRender?: boolean }
): Promise<Previous> {
	const [row] = await db
		.select({ published: debtorVideos.published, wanted: debtorVideos.wanted, state: debtorVideos.state })
		.from(debtorVideos)
		.where(and(eq(debtorVideos.debtorId, key.debtorId), eq(debtorVideos.locale, key.locale)));
	const moved =
		done.afterRender && row && row.wanted !== null && row.wanted !== done.name && (row.state === 'waiting' || row.state === 'rendering');
	const previous = await upsert(db, key, {
		state: moved ? row.state : 'ready',
		wanted: moved ? row.wanted : done.name,
		published: done.name,
		chunk: done.chunk,
		...(done.renderMs !== undefined ? { renderMs: done.renderMs } : {})
	});
	return previous;
}

/** No video fits the debtor's situation now (settled, paused, in a plan, all on hold): nothing is published. */
export const none = (db: Db, key: Key) => upsert(db, key, { state: 'none', wanted: null, published: null, chunk: null });

export const failed = (db: Db, key: Key, wanted: string, error: string) =>
	upsert(db, key, { state: 'failed', wanted, error: error.slice(0, 500) });

/** A language other than the debtor's own is no longer kept up to date (the page asks again if it is visited). */
export async function forget(db: Db, debtorId: string, locale: string): Promise<Previous> {
	const [row] = await db
		.delete(debtorVideos)
		.where(and(eq(debtorVideos.debtorId, debtorId), eq(debtorVideos.locale, locale)))
		.returning({ published: debtorVideos.published });
	return { published: row?.published ?? null };
}

export async function localesOf(db: Db, debtorId: string): Promise<string[]> {
	const rows = await db.select({ locale: debtorVideos.locale }).from(debtorVideos).where(eq(debtorVideos.debtorId, debtorId));
	return rows.map((r) => r.locale);
}

/** Whether any live row still uses this name (two debtors with identical facts share their files). */
export async function inUse(db: Db, name: string): Promise<boolean> {
	const [row] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(debtorVideos)
		.where(and(ne(debtorVideos.state, 'none'), eq(debtorVideos.published, name)));
	return (row?.n ?? 0) > 0;
}

/** What garbage collection must keep: every published video and shared chunk of a live row. */
export async function liveFiles(db: Db): Promise<{ names: Set<string>; chunks: Set<string> }> {
	const rows = await db
		.select({ published: debtorVideos.published, chunk: debtorVideos.chunk })
		.from(debtorVideos)
		.where(ne(debtorVideos.state, 'none'));
	const names = new Set<string>();
	const chunks = new Set<string>();
	for (const r of rows) {
		if (r.published) names.add(r.published);
		if (r.chunk) chunks.add(r.chunk);
	}
	return { names, chunks };
}

// ---- the changes the triggers mark ----

/** When the debtor's facts last changed, if a change is waiting for the drain. */
export async function pendingChange(db: Db, debtorId: string): Promise<Date | null> {
	const [row] = await db.select({ at: videoChanges.changedAt }).from(videoChanges).where(eq(videoChanges.debtorId, debtorId));
	return row ? new Date(row.at) : null;
}

/** Debtors whose last change is older than `quietBefore`: a burst is over. Oldest first; `changedAt` exact, as text. */
export async function quietChanges(db: Db, quietBefore: Date, limit: number) {
	return db
		.select({ debtorId: videoChanges.debtorId, changedAt: sql<string>`${videoChanges.changedAt}::text` })
		.from(videoChanges)
		.where(lt(videoChanges.changedAt, quietBefore))
		.orderBy(videoChanges.changedAt)
		.limit(limit);
}

/** Done with these changes; a newer change to the same debtor (a later changed_at) stays for the next round. */
export async function clearChanges(db: Db, done: { debtorId: string; changedAt: string }[]) {
	if (done.length === 0) return;
	await db.delete(videoChanges).where(
		and(
			inArray(
				videoChanges.debtorId,
				done.map((d) => d.debtorId)
			),
			sql`(${videoChanges.debtorId}, ${videoChanges.changedAt}) in (${sql.join(
				done.map((d) => sql`(${d.debtorId}::uuid, ${d.changedAt}::timestamptz)`),
				sql`, `
			)})`
		)
	);
}

export const pendingChanges = async (db: Db) => (await db.select({ n: sql<number>`count(*)::int` }).from(videoChanges))[0]?.n ?? 0;

// ---- for the console ----

export type QueueStatus = {
	ready: number;
	waiting: number;
	failed: number;
	queueAhead: number;
	secondsPerVideo: number | null;
	etaSeconds: number | null;
};

/**
 * The merchant's videos by state, and how long the queue will take: every video waiting in it (all merchants share
 * one queue, in order) times the recent mean render time. `merchantId` comes from the session only.
 */
export async function statusOf(db: Db, merchantId: string): Promise<QueueStatus> {
	const [mine] = await db
		.select({
			ready: sql<number>`count(*) filter (where ${debtorVideos.state} = 'ready')::int`,
			waiting: sql<number>`count(*) filter (where ${debtorVideos.state} in ('waiting', 'rendering'))::int`,
			failed: sql<number>`count(*) filter (where ${debtorVideos.state} = 'failed')::int`
		})
		.from(debtorVideos)
		.where(eq(debtorVideos.merchantId, merchantId));
	const [all] = await db
		.select({ waiting: sql<number>`count(*)::int` })
		.from(debtorVideos)
		.where(inArray(debtorVideos.state, ['waiting', 'rendering']));
	const [recent] = rowsOf<{ ms: number | null }>(
		await db.execute(sql`
			select avg(render_ms)::float as ms from (
				select render_ms from debtor_videos where render_ms is not null order by updated_at desc limit 50) r`)
	);
	const secondsPerVideo = recent?.ms ? recent.ms / 1000 : null;
	const queueAhead = all?.waiting ?? 0;
	return {
		ready: mine?.ready ?? 0,
		waiting: mine?.waiting ?? 0,
		failed: mine?.failed ?? 0,
		queueAhead,
		secondsPerVideo,
		etaSeconds: secondsPerVideo === null ? null : Math.ceil(queueAhead * secondsPerVideo)
	};
}
