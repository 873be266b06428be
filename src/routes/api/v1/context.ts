// What every API route hands to the handlers: the process's database and configuration.
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import type { ApiContext } from '$lib/server/api/handlers';

export async function context(): Promise<ApiContext> {
	const c = config();
	return { db: await db(), origin: c.origin, ttlDays: c.linkTtlDays };
}
