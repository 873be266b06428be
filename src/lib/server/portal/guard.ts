// Slows down whoever guesses links: after too many wrong tokens from one client, it gets 429 instead of 404.
// A valid token is never refused: at 160 random bits it cannot have been guessed.
import { error } from '@sveltejs/kit';
import { config } from '../config';
import type { Db } from '../db/client';
import * as throttle from '../throttle';

function limit(): throttle.Limit {
	const c = config();
	return { scope: 'link-guess', limit: c.linkGuessLimit, windowSeconds: c.linkGuessWindowSeconds };
}

export async function wrongLink(db: Db, client: string, now = new Date()): Promise<never> {
	if (!(await throttle.take(db, limit(), client, now)).allowed) error(429, 'too_many');
	error(404, 'not_found');
}
