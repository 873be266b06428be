// npm run bench:video — renders the personalised video for 10 debtors of one merchant with Debian's chromium and
// prints: one full render without reuse, the mean marginal time per extra debtor with the shared scenes reused,
// their ratio, peak memory of the whole process tree (node + chromium + encoder), and MP4 bytes per second.
import { readdirSync, readFileSync, statSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRenderer } from '../../src/lib/server/video/renderer';
import { durationInFrames, FPS, posterFrame } from '../../video/script';
import type { VideoProps } from '../../src/lib/schemas/video';

const DEBTORS = Number(process.env.BENCH_DEBTORS ?? 10);
const NAMES = [
	'Sanne de Vries',
	'Mehmet Yılmaz',
	'Jan-Willem van den Berg-Oosterhuis',
	'Emma Clarke',
	'Noor El Amrani',
	'Zoë Ğülşen',
	'Piet Puk',
	'Fatima Zahra',
	'Kees Bakker',
	'Ana María Núñez'
];

function treeRss(root = process.pid): number {
	const children = new Map<number, number[]>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
		} catch {
			// gone already
		}
	}
	let total = 0;
	const walk = (pid: number) => {
		try {
			const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
			total += m ? Number(m[1]) * 1024 : 0;
		} catch {
			return;
		}
		for (const c of children.get(pid) ?? []) walk(c);
	};
	walk(root);
	return total;
}

const props = (i: number): VideoProps => ({
	variant: 'full',
	locale: 'nl',
	tone: 'friendly',
	brand: { name: 'De Groene Fiets', color: '#1d6b4f', accent: '#f2b134', logo: null },
	options: { payNow: true, instalments: true, moreTimeDays: 30 },
	debtor: {
		name: NAMES[i % NAMES.length].split(' ')[0],
		total: { amountCents: 2495 * (i + 2) + i, currency: 'EUR' },
		invoices: i + 1,
		since: `2026-0${1 + (i % 9)}-15`,
		fromMonthly: { amountCents: Math.floor((2495 * (i + 2) + i) / 12), currency: 'EUR' }
	}
});

const dir = mkdtempSync(join(tmpdir(), 'coulant-bench-video-'));
const renderer = createRenderer({ chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', cacheDir: join(dir, 'cache') });
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, treeRss())), 250);
const time = async (work: () => Promise<unknown>) => {
	const t = performance.now();
	await work();
	return (performance.now() - t) / 1000;
};

try {
	// Bundling and opening the browser happen once per code version and process: warm them up, report separately.
	const warm = await time(() => renderer.still(props(0), 0, join(dir, 'warm.png')));
	const full = await time(async () => {
		await renderer.renderWhole(props(0), join(dir, 'whole.mp4'));
		await renderer.still(props(0), posterFrame('full'), join(dir, 'whole.png'));
	});
	const first = await time(() => renderer.render(props(0)));
	const marginal: number[] = [];
	let bytes = 0;
	for (let i = 1; i < DEBTORS; i++) {
		let out: Awaited<ReturnType<typeof renderer.render>> | undefined;
		marginal.push(await time(async () => (out = await renderer.render(props(i)))));
		if (out!.reusedShared !== true) throw new Error('the shared chunk was not reused');
		bytes = statSync(out!.mp4).size;
	}
	const seconds = durationInFrames('full') / FPS;
	const mean = marginal.reduce((a, b) => a + b, 0) / marginal.length;
	const line = (k: string, v: string) => console.log(`${k.padEnd(44)} ${v}`);
	console.log(
		`Coulant video benchmark: ${DEBTORS} debtors of one merchant, 720×1280, ${seconds} s at ${FPS} fps, on ${cpus().length} cores`
	);
	line('bundle + browser + first still (once)', `${warm.toFixed(1)} s`);
	line('full render, no reuse (MP4 + poster)', `${full.toFixed(1)} s`);
	line('first debtor with chunks (shared + own)', `${first.toFixed(1)} s`);
	line(
		`marginal per extra debtor (mean of ${marginal.length})`,
		`${mean.toFixed(1)} s  (min ${Math.min(...marginal).toFixed(1)}, max ${Math.max(...marginal).toFixed(1)})`
	);
	line('ratio marginal / full', `${(mean / full).toFixed(2)}  (target ≤ 0.25)`);
	line('peak memory (node + chromium + encoder)', `${(peak / 1024 / 1024).toFixed(0)} MB  (target < 1,536 MB)`);
	// Each render here had the whole machine: a core's share is the machine's rate divided by its cores.
	const perHourPerCore = 3600 / mean / cpus().length;
	line(
		'videos per hour per core (marginal renders)',
		`${perHourPerCore.toFixed(0)}  (${(perHourPerCore * cpus().length * 24).toLocaleString('en', { maximumFractionDigits: 0 })} a day on this machine)`
	);
	line(
		'MP4 size per second of video',
		`${(bytes / 1024 / seconds).toFixed(1)} KB/s  (target ≤ 100; whole-render MP4 ${(statSync(join(dir, 'whole.mp4')).size / 1024 / seconds).toFixed(1)} KB/s)`
	);
} finally {
	clearInterval(sampler);
	await renderer.close();
	rmSync(dir, { recursive: true, force: true });
}
