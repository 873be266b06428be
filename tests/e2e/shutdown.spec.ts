// SIGTERM while a video renders: the built server (and a worker) stops, with every process it started — Chromium,
// ffmpeg, Remotion's compositor — gone within the bound the README states (SHUTDOWN_BOUND_MS, 10 s).
// Its own PostgreSQL and a real render; it needs the build, so it lives with the e2e tests.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { migrate, openPostgres } from '../../src/lib/server/db/client';
import { descendants, SHUTDOWN_BOUND_MS } from '../../src/lib/server/shutdown';
import { serverNodeFlags } from '../../scripts/server-flags';
import * as make from '../helpers/fixtures';
import { startPostgres } from '../helpers/postgres';

const alive = (pid: number) => existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
const nameOf = (pid: number) => {
	try {
		return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
	} catch {
		return '?';
	}
};

for (const role of ['worker', 'all'] as const) {
	test(`SIGTERM to a ${role === 'all' ? 'server' : 'worker'} in the middle of a render ends it and all its children within ${SHUTDOWN_BOUND_MS / 1000} s`, async () => {
		test.setTimeout(240_000);
		const pg = await startPostgres();
		const dataDir = mkdtempSync(join(tmpdir(), 'coulant-shutdown-'));
		try {
			const database = await openPostgres(pg.url, { max: 1 });
			await migrate(database, 'drizzle');
			const m = await make.merchant(database.db, { displayName: 'Stop Test BV' });
			const d = await make.debtor(database.db, m.id, { name: 'Anna Stop' });
			await make.claim(database.db, { merchantId: m.id, debtorId: d.id }, { amountCents: 4250, dueOn: '2026-11-01' });
			await database.close();

			const server = spawn(process.execPath, [...serverNodeFlags(), 'build/index.js'], {
				env: {
					...process.env,
					ROLE: role,
					PORT: role === 'all' ? '4331' : '4332',
					HOST: '127.0.0.1',
					ORIGIN: 'http://127.0.0.1:4331',
					DATABASE_URL: pg.url,
					DATA_DIR: dataDir,
					DEMO: '0',
					MOLLIE_API_KEY: '',
					MOLLIE_STANDIN: '1',
					VIDEO_RENDER: '1',
					VIDEO_VARIANT: 'short',
					VIDEO_QUIET_SECONDS: '0'
				},
				stdio: ['ignore', 'pipe', 'pipe']
			});
			let out = '';
			server.stdout!.on('data', (c: Buffer) => (out += c));
			server.stderr!.on('data', (c: Buffer) => (out += c));
			const exited = new Promise<number | null>((ok) => server.on('exit', (code) => ok(code)));

			// Wait until the render runs: the browser and its renderers below the server, then a little longer.
			const until = Date.now() + 180_000;
			let children: number[] = [];
			for (;;) {
				children = descendants(server.pid!);
				if (children.map(nameOf).filter((n) => /chrom/i.test(n)).length >= 3) break;
				if (Date.now() > until) throw new Error(`no render started; children ${children.map(nameOf).join(', ')}\n${out}`);
				await new Promise((r) => setTimeout(r, 100));
			}
			await new Promise((r) => setTimeout(r, 3_000));
			const watched = new Set(children);
			// A moment later more may have started: watch those as well.
			for (const pid of descendants(server.pid!)) watched.add(pid);
			const names = [...new Set([...watched].map(nameOf))].join(', ');

			const sent = Date.now();
			server.kill('SIGTERM');
			const code = await Promise.race([exited, new Promise<'late'>((r) => setTimeout(() => r('late'), SHUTDOWN_BOUND_MS + 2_000))]);
			const took = Date.now() - sent;
			// Children may take a few more milliseconds to be reaped after the parent is gone.
			const deadline = Date.now() + 1_000;
			while ([...watched].some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
			const left = [...watched].filter(alive).map((pid) => `${pid} ${nameOf(pid)}`);
			if (code === 'late') server.kill('SIGKILL');
			console.log(`${role}: ${watched.size} child processes at SIGTERM (${names}), exit after ${took} ms, left: ${left.length}`);
			expect(code, out).not.toBe('late');
			expect(took).toBeLessThanOrEqual(SHUTDOWN_BOUND_MS);
			expect(left).toEqual([]);
		} finally {
			pg.stop();
			rmSync(dataDir, { recursive: true, force: true });
		}
	});
}
