// Starts the production build (build/index.js) for a benchmark, and stops it before its database goes away.
import { spawn, type ChildProcess } from 'node:child_process';
import { serverNodeFlags } from '../server-flags.ts';

export type BenchServer = { process: ChildProcess; output: () => string; stop: () => Promise<void> };

export async function startProductionServer(options: { port: number; databaseUrl: string; env?: Record<string, string> }): Promise<BenchServer> {
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
	const server = spawn(process.execPath, [...serverNodeFlags(), 'build/index.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
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
	return {
		process: server,
		output: () => out,
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
