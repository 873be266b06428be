// Diagnostic (not a bench): the production server under --cpu-prof while autocannon loads one route, then the
// profile's self time per package, to see where a view's CPU goes. PROFILE_PATH=/d/<token> (default) or a path.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPostgres } from '../../tests/helpers/postgres.ts';
import { serverNodeFlags } from '../server-flags.ts';
import { startProductionServer } from './server.ts';

const PORT = Number(process.env.BENCH_PORT ?? 4392);
const DIR = process.env.PROFILE_DIR ?? '/tmp/coulant-profile';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
mkdirSync(DIR, { recursive: true });
const window = { from: 0, to: 0, exit: 0 };
const pg = await startPostgres();
const server = await startProductionServer({
	port: PORT,
	databaseUrl: pg.socketUrl ?? pg.url,
	env: { DEMO: '1' },
	nodeFlags: [...serverNodeFlags(), '--cpu-prof', `--cpu-prof-dir=${DIR}`]
});
try {
	const token = /\/d\/([A-Za-z0-9_-]{27})\s+\(three open invoices/.exec(server.output())![1];
	const path = process.env.PROFILE_PATH ?? `/d/${token}`;
	const load = (s: number) =>
		execFileSync(
			process.execPath,
			['node_modules/autocannon/autocannon.js', '-c', '10', '-d', String(s), `http://127.0.0.1:${PORT}${path}`],
			{
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'pipe']
			}
		);
	load(3);
	window.from = Date.now();
	console.log(load(SECONDS).split('\n').slice(0, 12).join('\n'));
	window.to = Date.now();
} finally {
	await server.stop();
	window.exit = Date.now();
	pg.stop();
}
const file = readdirSync(DIR)
	.filter((f) => f.endsWith('.cpuprofile'))
	.map((f) => join(DIR, f))
	.sort()
	.at(-1)!;
type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount: number; children?: number[] };
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[]; endTime: number };
// Only the samples taken while the measured load ran (the profile ends when the process exits).
const hits = new Map<number, number>();
{
	let t = 0;
	const times = profile.timeDeltas.map((d) => (t += d));
	const end = times.at(-1)!;
	const fromUs = end - (window.exit - window.from) * 1000;
	const toUs = end - (window.exit - window.to) * 1000;
	profile.samples.forEach((id, i) => {
		if (times[i] >= fromUs && times[i] <= toUs) hits.set(id, (hits.get(id) ?? 0) + 1);
	});
}
for (const n of profile.nodes) n.hitCount = hits.get(n.id) ?? 0;
const parent = new Map<number, Node>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
const inclusive = new Map<string, number>();
for (const n of profile.nodes) {
	if (!n.hitCount) continue;
	const seen = new Set<string>();
	for (let a: Node | undefined = n; a; a = parent.get(a.id)) {
		const name = `${a.callFrame.functionName || '(anon)'} ${a.callFrame.url.replace(/.*\/(build|node_modules)\//, '$1/')}:${a.callFrame.lineNumber}`;
		if (seen.has(name)) continue;
		seen.add(name);
		inclusive.set(name, (inclusive.get(name) ?? 0) + n.hitCount);
	}
}
const byPkg = new Map<string, number>();
const byFn = new Map<string, number>();
let total = 0;
for (const n of profile.nodes) {
	total += n.hitCount;
	const url = n.callFrame.url;
	const pkg = url.includes('node_modules/')
		? url
				.split('node_modules/')
				.at(-1)!
				.split('/')
				.slice(0, url.includes('/@') ? 2 : 1)
				.join('/')
		: url.startsWith('node:')
			? url
			: url.replace(/.*\/build\//, 'build/') || n.callFrame.functionName;
	byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + n.hitCount);
	const fn = `${n.callFrame.functionName || '(anon)'} ${url.replace(/.*\/(build|node_modules)\//, '$1/')}:${n.callFrame.lineNumber}`;
	byFn.set(fn, (byFn.get(fn) ?? 0) + n.hitCount);
}
/**
 * Whose code a sample ran. The build's chunks keep the bundler's region comments ("// node_modules/@sveltejs/kit/…",
 * "// src/lib/domain/…"): a function counts for the nearest one above it.
 */
const chunkLines = new Map<string, string[]>();
function kindOfSource(source: string): string {
	if (source.includes('@sveltejs/kit') || source.includes('adapter-node')) return 'SvelteKit';
	if (source.includes('node_modules/svelte/')) return 'Svelte runtime';
	if (source.includes('node_modules/devalue')) return 'SvelteKit (devalue: serializing load data)';
	if (source.includes('paraglide')) return 'paraglide (runtime, compiled messages)';
	if (source.includes('node_modules/')) return 'other packages';
	return 'ours (src/)';
}
function kindOf(url: string, fn: string, line: number): string {
	if (!url) return ['(garbage collector)', '(idle)', '(program)'].includes(fn) ? fn : 'node (native: sockets, crypto, …)';
	if (url.startsWith('node:')) return 'node (http, streams, undici, …)';
	if (url.includes('node_modules/')) {
		if (url.includes('node_modules/postgres/')) return 'postgres.js driver';
		if (url.includes('node_modules/drizzle-orm/')) return 'drizzle-orm';
		return 'other packages';
	}
	const path = url.replace(/^file:\/\//, '');
	let lines = chunkLines.get(path);
	if (!lines) {
		try {
			lines = readFileSync(path, 'utf8').split('\n');
		} catch {
			lines = [];
		}
		chunkLines.set(path, lines);
	}
	for (let i = Math.min(line, lines.length - 1); i >= 0; i--) {
		const region = /^\/\/ ((?:node_modules|src|\.svelte-kit)\/\S+)/.exec(lines[i]);
		if (region) return kindOfSource(region[1]);
	}
	// Above the first region comment: the packages the chunk bundled first (devalue in SvelteKit's shared chunk); the
	// adapter's handler carries none at all.
	if (url.includes('/build/server/chunks/handler') || url.endsWith('/build/handler.js')) return 'SvelteKit';
	try {
		const { sources } = JSON.parse(readFileSync(`${path}.map`, 'utf8')) as { sources: string[] };
		const bundled = sources.filter((s) => s.includes('node_modules/') && !s.includes('@sveltejs/kit'));
		if (bundled.length) return kindOfSource(bundled[0]);
	} catch {
		// no map: SvelteKit's, as below
	}
	// Our modules always come with a region comment ("// src/…"); what has none is SvelteKit's own runtime.
	return 'SvelteKit';
}
const byKind = new Map<string, number>();
const ours = new Map<string, number>();
for (const n of profile.nodes) {
	const k = kindOf(n.callFrame.url, n.callFrame.functionName, n.callFrame.lineNumber);
	byKind.set(k, (byKind.get(k) ?? 0) + n.hitCount);
	if (k === 'ours (src/)') {
		const name = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/.*\/build\//, 'build/')}:${n.callFrame.lineNumber}`;
		ours.set(name, (ours.get(name) ?? 0) + n.hitCount);
	}
}
const top = (m: Map<string, number>, k: number) =>
	[...m]
		.sort((a, b) => b[1] - a[1])
		.slice(0, k)
		.map(([name, hits]) => `${((hits / total) * 100).toFixed(1).padStart(5)} %  ${name}`)
		.join('\n');
console.log(
	`profile ${file}\nself time by whose code (a build chunk by most of its sources):\n${top(byKind, 20)}\n\nours, by function:\n${top(ours, 25)}\n\nself time by file:\n${top(byPkg, 40)}\n\nby function:\n${top(byFn, 50)}\n\ninclusive:\n${top(inclusive, 80)}`
);
