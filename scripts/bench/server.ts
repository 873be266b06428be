// What the benchmarks share: building the app, starting the production build (build/index.js) and stopping it
// before its database goes away, signing in to the console, and a median.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { serverNodeFlags } from '../server-flags.ts';

export type BenchServer = {
	process: ChildProcess;
	output: () => string;
	/** Milliseconds from starting the process to its "Listening on". */
	startMs: number;
	stop: () => Promise<void>;
};

/** `npm run build`, unless BENCH_NO_BUILD is set (to measure a build that is already there). */
export function buildApp(bench: string) {
	if (process.env.BENCH_NO_BUILD) return;
	console.log(`${bench} — building the app…`);
	execFileSync('npm', ['run', 'build', '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/**
 * Starts the server and resolves once it prints "Listening on". It runs with package.json's
 * config.serverNodeFlags unless `nodeFlags` says otherwise.
 */
export async function startProductionServer(options: {
	port: number;
	databaseUrl: string;
	env?: Record<string, string>;
	nodeFlags?: string[];
}): Promise<BenchServer> {
	const origin = `http://127.0.0.1:${options.port}`;
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PORT: String(options.port),
		HOST: '127.0.0.1',
		ORIGIN: origin,
		DATABASE_URL: options.databaseUrl,
		VIDEO_RENDER: '0',
		...options.env
	};
	// The in-process Mollie stand-in must answer, never a real account from the caller's environment.
	delete env.MOLLIE_API_KEY;
	const spawnedAt = performance.now();
	const server = spawn(process.execPath, [...(options.nodeFlags ?? serverNodeFlags()), 'build/index.js'], {
		env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	let stopping = false;
	server.stderr!.on('data', (c: Buffer) => {
		if (!stopping) process.stderr.write(c);
	});
	await new Promise<void>((resolve, reject) => {
		server.on('exit', (code) => reject(new Error(`server exited with ${code}\n${out}`)));
		server.stdout!.on('data', (c: Buffer) => {
			out += c.toString();
			if (out.includes('Listening on')) resolve();
		});
	});
	const startMs = performance.now() - spawnedAt;
	return {
		process: server,
		output: () => out,
		startMs,
		stop: async () => {
			stopping = true;
			if (server.exitCode !== null) return;
			const exited = new Promise((r) => server.once('exit', r));
			server.kill('SIGTERM');
			const timer = setTimeout(() => server.kill('SIGKILL'), 5000);
			await exited;
			clearTimeout(timer);
		}
	};
}

/** Signs in to the console as a browser's form would, and returns the session cookie ("coulant_session=…"). */
export async function signIn(origin: string, email: string, password: string): Promise<string> {
	const res = await fetch(`${origin}/console/sign-in`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin, accept: 'text/html' },
		body: new URLSearchParams({ email, password })
	});
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith('coulant_session='));
	if (!cookie) throw new Error(`sign-in failed: ${res.status}`);
	return cookie.split(';')[0];
}

export const median = (xs: number[]) => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)];
