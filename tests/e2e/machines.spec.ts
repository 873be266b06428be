// More than one machine, on one: two web processes (ROLE=web) and a worker (ROLE=worker) of the built server on one
// PostgreSQL, media in S3-compatible object storage (s3rver, in this process), Debian's haproxy in front. The worker
// renders a debtor's video for real (the short variant) into the bucket; it plays from either web process, whose own
// disks stay empty; and under a steady load through haproxy, a web process stopped with SIGTERM, and another killed
// with SIGKILL, costs no request (haproxy retries on the other). It needs the build, so it lives with the e2e tests.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import S3rver from 's3rver';
import { migrate, openPostgres } from '../../src/lib/server/db/client';
import { debtorVideos } from '../../src/lib/server/db/schema';
import * as links from '../../src/lib/server/links/service';
import { serverNodeFlags } from '../../scripts/server-flags';
import * as make from '../helpers/fixtures';
import { startPostgres } from '../helpers/postgres';

const HAPROXY = existsSync('/usr/sbin/haproxy')
	? '/usr/sbin/haproxy'
	: spawnSync('sh', ['-c', 'command -v haproxy'], { encoding: 'utf8' }).stdout.trim();
// Ports next to the e2e server's own (E2E_PORT), so parallel runs on one machine with their own E2E_PORT stay apart.
const BASE = Number(process.env.E2E_PORT ?? 4319);
const PORTS = { web1: BASE + 1, web2: BASE + 2, worker: BASE + 3, balancer: BASE + 4, s3: BASE + 5 };
const BALANCER = `http://127.0.0.1:${PORTS.balancer}`;
const direct = (name: 'web1' | 'web2') => `http://127.0.0.1:${PORTS[name]}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** haproxy as an operator would set it up: health checks, and a failed or cut request retried on the other server. */
function haproxyConfig() {
	return `global
	maxconn 2000
defaults
	mode http
	timeout connect 1s
	timeout client 20s
	timeout server 20s
	# A request the server refused, dropped or answered with nothing is sent again, to the other server (redispatch).
	retries 3
	option redispatch 1
	retry-on all-retryable-errors
frontend front
	bind 127.0.0.1:${PORTS.balancer}
	default_backend web
backend web
	balance roundrobin
	option httpchk GET /healthz
	http-check expect status 200
	default-server check inter 250 fall 1 rise 2
	server web1 127.0.0.1:${PORTS.web1}
	server web2 127.0.0.1:${PORTS.web2}
`;
}

test('a video the worker rendered plays from either web process, and stopping one behind haproxy loses no request', async ({ page }) => {
	if (!HAPROXY) throw new Error('haproxy is not installed: apt-get install haproxy (.ci/run installs it)');
	test.setTimeout(180_000);
	const tmp = mkdtempSync(join(tmpdir(), 'coulant-machines-'));
	const pg = await startPostgres();
	const s3 = new S3rver({
		port: PORTS.s3,
		address: '127.0.0.1',
		silent: true,
		directory: join(tmp, 's3'),
		configureBuckets: [{ name: 'coulant-e2e', configs: [] }]
	});
	await s3.run();
	// One installation: the same sealing key in every process, as the README asks of several machines.
	const secretsKey = randomBytes(32).toString('base64');
	const procs = new Map<string, ChildProcess>();
	const logs = new Map<string, string>();
	const log = () => [...logs].map(([n, l]) => `--- ${n}\n${l.slice(-3000)}`).join('\n');

	const start = (name: 'web1' | 'web2' | 'worker') => {
		const dataDir = join(tmp, name);
		const p = spawn(process.execPath, [...serverNodeFlags(), 'build/index.js'], {
			env: {
				...process.env,
				ROLE: name === 'worker' ? 'worker' : 'web',
				PORT: String(PORTS[name]),
				HOST: '127.0.0.1',
				ORIGIN: BALANCER,
				DATABASE_URL: pg.url,
				// Each its own disk: whatever one process wrote locally, the others cannot see.
				DATA_DIR: dataDir,
				SECRETS_KEY: secretsKey,
				DEMO: '0',
				MOLLIE_API_KEY: '',
				MOLLIE_STANDIN: '1',
				S3_ENDPOINT: `http://127.0.0.1:${PORTS.s3}`,
				S3_BUCKET: 'coulant-e2e',
				S3_ACCESS_KEY_ID: 'S3RVER',
				S3_SECRET_ACCESS_KEY: 'S3RVER',
				VIDEO_RENDER: '1',
				VIDEO_VARIANT: 'short',
				VIDEO_QUIET_SECONDS: '0'
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		logs.set(name, '');
		const append = (c: Buffer) => logs.set(name, logs.get(name)! + c);
		p.stdout!.on('data', append);
		p.stderr!.on('data', append);
		procs.set(name, p);
		return p;
	};
	const exited = (p: ChildProcess) =>
		p.exitCode !== null || p.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => p.once('exit', () => r()));
	const healthy = async (url: string, ms = 30_000) => {
		const until = Date.now() + ms;
		for (;;) {
			const ok = await fetch(`${url}/healthz`)
				.then((r) => r.ok)
				.catch(() => false);
			if (ok) return;
			if (Date.now() > until) throw new Error(`${url} never became healthy\n${log()}`);
			await sleep(200);
		}
	};

	try {
		// A debtor with an open claim: the worker's start-up sweep asks for their video, and renders it.
		const database = await openPostgres(pg.url, { max: 2 });
		await migrate(database, 'drizzle');
		const db = database.db;
		const m = await make.merchant(db, { displayName: 'Twee Machines BV', brandColor: '#1f6f5c' });
		const d = await make.debtor(db, m.id, { name: 'Noor Bakker', locale: 'nl' });
		await make.claim(db, { merchantId: m.id, debtorId: d.id }, { amountCents: 12_345, dueOn: '2026-11-01' });
		const { token } = await links.issue(db, d.id, 30);

		const startedAt = Date.now();
		start('worker');
		start('web1');
		start('web2');
		writeFileSync(join(tmp, 'haproxy.cfg'), haproxyConfig());
		const balancer = spawn(HAPROXY, ['-f', join(tmp, 'haproxy.cfg'), '-db'], { stdio: ['ignore', 'pipe', 'pipe'] });
		procs.set('haproxy', balancer);
		logs.set('haproxy', '');
		balancer.stderr!.on('data', (c: Buffer) => logs.set('haproxy', logs.get('haproxy')! + c));
		await Promise.all([healthy(direct('web1')), healthy(direct('web2')), healthy(`http://127.0.0.1:${PORTS.worker}`)]);
		await healthy(BALANCER);

		// The worker renders (a real Remotion render of the short variant) and publishes to the bucket.
		let name: string | null = null;
		const until = Date.now() + 120_000;
		while (!name) {
			const [row] = await db
				.select({ state: debtorVideos.state, published: debtorVideos.published })
				.from(debtorVideos)
				.where(eq(debtorVideos.debtorId, d.id));
			if (row?.state === 'ready' && row.published) name = row.published;
			else if (row?.state === 'failed' || Date.now() > until) throw new Error(`no video: ${JSON.stringify(row)}\n${log()}`);
			else await sleep(500);
		}
		console.log(`machines: the worker's render was published ${((Date.now() - startedAt) / 1000).toFixed(1)} s after start`);
		await database.close();
		const video = `/media/${name}.mp4`;

		// Served by each web process (neither rendered it; their own disks hold no media), and through the balancer.
		const whole = await fetch(`${direct('web1')}${video}`);
		expect(whole.status).toBe(200);
		const size = Number(whole.headers.get('content-length'));
		expect(size).toBeGreaterThan(10_000);
		expect(
			Buffer.from(await whole.arrayBuffer())
				.subarray(4, 8)
				.toString()
		).toBe('ftyp');
		for (const url of [direct('web1'), direct('web2'), BALANCER, BALANCER]) {
			const r = await fetch(`${url}${video}`, { headers: { Range: 'bytes=100-1099' } });
			expect(r.status, url).toBe(206);
			expect(r.headers.get('content-range'), url).toBe(`bytes 100-1099/${size}`);
			expect((await r.arrayBuffer()).byteLength, url).toBe(1000);
		}
		for (const web of ['web1', 'web2', 'worker']) {
			const dir = join(tmp, web, 'media');
			expect(existsSync(dir) ? readdirSync(dir) : [], web).toEqual([]);
		}
		// The page offers the video from either web process, and Chromium plays it.
		for (const web of ['web1', 'web2'] as const) {
			await page.goto(`${direct(web)}/d/${token}`);
			await expect(page.locator('video source')).toHaveAttribute('src', video);
			const played = await page.evaluate(async () => {
				const v = document.querySelector('video')!;
				v.muted = true;
				await v.play();
				await new Promise((r) => setTimeout(r, 700));
				return v.currentTime;
			});
			expect(played, web).toBeGreaterThan(0.2);
		}

		// A steady load through the balancer: random ranges of the video, and the health route.
		const load = () => {
			const tally = { ok: 0, failed: [] as string[] };
			let running = true;
			const one = async (i: number) => {
				while (running) {
					const startByte = Math.floor(Math.random() * (size - 2000));
					const path = i % 4 === 0 ? '/healthz' : video;
					try {
						const r = await fetch(`${BALANCER}${path}`, { headers: { Range: `bytes=${startByte}-${startByte + 1999}` } });
						const body = await r.arrayBuffer();
						const good = path === '/healthz' ? r.status === 200 : r.status === 206 && body.byteLength === 2000;
						if (good) tally.ok++;
						else tally.failed.push(`${path} ${r.status} ${body.byteLength}`);
					} catch (e) {
						tally.failed.push(`${path} ${(e as Error).message} ${String((e as Error).cause ?? '')}`);
					}
				}
			};
			const loops = Array.from({ length: 12 }, (_, i) => one(i));
			return {
				tally,
				stop: async () => {
					running = false;
					await Promise.all(loops);
					return tally;
				}
			};
		};

		for (const [signal, victim, other] of [
			['SIGTERM', 'web1', 'web2'],
			['SIGKILL', 'web2', 'web1']
		] as const) {
			const run = load();
			await sleep(1_500);
			const before = run.tally.ok;
			const p = procs.get(victim)!;
			p.kill(signal);
			await exited(p);
			await sleep(2_000);
			const tally = await run.stop();
			console.log(
				`machines: ${signal} to ${victim} under load: ${tally.ok} requests answered (${before} before it), ${tally.failed.length} failed`
			);
			expect(tally.failed, `${signal}\n${log()}`).toEqual([]);
			expect(tally.ok - before).toBeGreaterThan(50);
			// The other one answered all of it meanwhile; the stopped one comes back and gets its share again.
			await healthy(direct(other));
			start(victim);
			await healthy(direct(victim));
			// haproxy takes it back after two good health checks (rise 2, every 250 ms).
			await sleep(1_000);
		}
		console.log(`machines: the whole proof took ${((Date.now() - startedAt) / 1000).toFixed(1)} s after the processes started`);
	} finally {
		for (const p of procs.values()) if (p.exitCode === null && p.signalCode === null) p.kill('SIGTERM');
		await Promise.all([...procs.values()].map((p) => Promise.race([exited(p), sleep(10_000)])));
		for (const p of procs.values()) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
		await s3.close();
		pg.stop();
		rmSync(tmp, { recursive: true, force: true });
	}
});
