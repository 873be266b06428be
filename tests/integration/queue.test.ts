// The job queue runs on both engines and hands each job to exactly one worker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/client';
import { startQueue, type Queue } from '../../src/lib/server/queue';
import { testDatabase } from '../helpers/db';
import { eventually } from '../helpers/standin';

let database: Database;
let queue: Queue;
beforeAll(async () => {
	database = await testDatabase();
	queue = await startQueue(database, { supervise: false });
});
afterAll(async () => {
	await queue?.stop({ graceful: false });
	await database?.close();
});

describe('job queue', () => {
	it('delivers each job once, even with two workers polling', async () => {
		await queue.createQueue('probe');
		const seen: number[] = [];
		const handler = async (jobs: { data: { n: number } }[]) => {
			for (const job of jobs) seen.push(job.data.n);
		};
		await queue.work('probe', { pollingIntervalSeconds: 0.5 }, handler);
		await queue.work('probe', { pollingIntervalSeconds: 0.5 }, handler);
		for (let n = 0; n < 10; n++) await queue.send('probe', { n });
		await eventually(
			async () => seen.length,
			(l) => l >= 10,
			15_000
		);
		await new Promise((r) => setTimeout(r, 600));
		expect(seen.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
	});
});
