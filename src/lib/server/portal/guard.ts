// Slows down whoever guesses links: too many wrong tokens from one client and we stop answering for a while.
import { error } from '@sveltejs/kit';
import { config } from '../config';
import type { Db } from '../db/client';
import * as throttle from '../throttle';

function limit(): throttle.Limit {
	const c = config();
	return { scope: 'link-guess', limit: c.linkGuessLimit, windowSeconds: c.linkGuessWindowSeconds };
}

export async function refuseIfGuessing(db: Db, client: string) {
	const blocked = await throttle.isBlocked(db, limit(), client);
	if (blocked) error(429, 'too_many');
}

export async function notFound(db: Db, client: string): Promise<never> {
	await throttle.recordHit(db, limit(), client);
	error(404, 'not_found');
}
