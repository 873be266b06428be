// Starts the built server exactly as `npm start` does (embedded PGlite, demo data) and reads the printed links.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FullConfig } from '@playwright/test';

export default async function globalSetup(config: FullConfig) {
	const baseURL = config.projects[0].use.baseURL!;
	const port = new URL(baseURL).port;
	const dataDir = mkdtempSync(join(tmpdir(), 'coulant-e2e-'));
	const server = spawn(process.execPath, ['build/index.js'], {
		env: { ...process.env, PORT: port, ORIGIN: baseURL, DATA_DIR: dataDir, DATABASE_URL: '', DEMO: '1', HOST: '127.0.0.1' },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	const links = await new Promise<Record<string, string>>((resolve, reject) => {
		let out = '';
		const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
		server.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
		server.stdout!.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			if (!out.includes('Listening on')) return;
			clearTimeout(timer);
			const found: Record<string, string> = {};
			for (const m of out.matchAll(/^\s+(.+?)\s{2,}(http\S+\/d\/\S+)/gm)) found[m[1].trim()] = m[2];
			resolve(found);
		});
	});
	if (Object.keys(links).length < 5) throw new Error(`expected the demo links to be printed, got ${JSON.stringify(links)}`);
	process.env.E2E_DEMO_LINKS = JSON.stringify(links);
	return async () => {
		server.kill('SIGTERM');
		await new Promise((r) => server.once('exit', r));
		rmSync(dataDir, { recursive: true, force: true });
	};
}
