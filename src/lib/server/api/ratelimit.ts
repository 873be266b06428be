// Requests per API key, counted in the database (throttle.ts, GCRA), so every server process shares one count.
// Answers carry the IETF RateLimit headers (draft-ietf-httpapi-ratelimit-headers): the policy and what is left.
import type { Db } from '../db/client';
import * as throttle from '../throttle';

export type ApiRateLimit = { limit: number; windowSeconds: number };

/** Enough for a shop's back office sending claims one by one; a bulk load belongs in a CSV upload. */
export const API_RATE_LIMIT: ApiRateLimit = { limit: 120, windowSeconds: 60 };

const POLICY = 'per-key';

export type RateDecision = { allowed: boolean; headers: Record<string, string>; retryAfterSeconds: number };

/** Counts one request of this key; the headers go on every answer, the refusal's too. */
export async function countRequest(db: Db, keyId: string, rate: ApiRateLimit = API_RATE_LIMIT, now = new Date()): Promise<RateDecision> {
	const taken = await throttle.take(db, { scope: 'api-key', limit: rate.limit, windowSeconds: rate.windowSeconds }, keyId, now);
	const headers: Record<string, string> = {
		'ratelimit-policy': `"${POLICY}";q=${rate.limit};w=${rate.windowSeconds}`,
		ratelimit: `"${POLICY}";r=${taken.remaining};t=${taken.resetSeconds}`
	};
	if (!taken.allowed) headers['retry-after'] = String(taken.retryAfterSeconds);
	return { allowed: taken.allowed, headers, retryAfterSeconds: taken.retryAfterSeconds };
}
