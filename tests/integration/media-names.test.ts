// A video's file name says nothing to someone who has the source and guesses the props: it is keyed with the
// installation's secret, the same in every process of one installation and different in every other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/client';
import { parseVideoProps } from '../../src/lib/schemas/video';
import { contentName } from '../../src/lib/server/video/version';
import * as names from '../../src/lib/server/video/names';
import { testDatabase } from '../helpers/db';

let one: Database;
let other: Database;
beforeAll(async () => {
	[one, other] = await Promise.all([testDatabase(), testDatabase()]);
});
afterAll(async () => {
	await Promise.all([one?.close(), other?.close()]);
});

// What anyone can guess: a first name, an amount, a count, a date and a public brand.
const guessed = parseVideoProps({
	variant: 'full',
	locale: 'nl',
	tone: 'friendly',
	brand: { name: 'De Groene Fiets', color: '#2f6b3a', accent: '#f2b134', logo: null },
	options: { payNow: true, instalments: false, moreTimeDays: null },
	debtor: { name: 'Sanne', total: { amountCents: 2495, currency: 'EUR' }, invoices: 1, since: '2026-10-15', fromMonthly: null }
});

describe('video file names', () => {
	it('cannot be computed from the props and the source alone', async () => {
		await names.ensureMediaKey(one.db);
		const name = names.outputName(guessed);
		expect(name).toMatch(/^[0-9a-f]{40}$/);
		expect(name).not.toBe(contentName({ kind: 'video', props: guessed }));
	});

	it('are the same for one installation every time, and differ between installations', async () => {
		await names.ensureMediaKey(one.db);
		const a = names.outputName(guessed);
		expect(names.outputName(guessed)).toBe(a);
		await names.ensureMediaKey(other.db);
		expect(names.outputName(guessed)).not.toBe(a);
		await names.ensureMediaKey(one.db);
		expect(names.outputName(guessed)).toBe(a);
	});
});
