// Starts the built server as in production — on a throw-away PostgreSQL, with the demo data and the
// Mollie stand-in — and reads the demo links it prints. Tests that change state make their own debtors.
import { spawn } from 'node:child_process';
import type { FullConfig } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres } from '../helpers/postgres';
import { startSmtp } from '../helpers/smtp';
import { serverNodeFlags } from '../../scripts/server-flags';

export default async function globalSetup(config: FullConfig) {
	const baseURL = config.projects[0].use.baseURL!;
	const port = new URL(baseURL).port;
	const pg = await startPostgres();
	// A real SMTP server: the server's mail goes there, and the tests read it back from its folder.
	const mailDir = mkdtempSync(join(tmpdir(), 'coulant-e2e-mail-'));
	const smtp = await startSmtp({ dir: mailDir });
	const server = spawn(process.execPath, [...serverNodeFlags(), 'build/index.js'], {
		// No background renders here: they would compete for the CPU; the video tests seed a pre-rendered file.
		env: {
			...process.env,
			PORT: port,
			HOST: '127.0.0.1',
			ORIGIN: baseURL,
			DATABASE_URL: pg.url,
			DEMO: '1',
			BODY_SIZE_LIMIT: 'Infinity',
			MOLLIE_API_KEY: '',
			VIDEO_RENDER: '0',
			SMTP_URL: smtp.url,
			MAIL_FROM: 'berichten@coulant.test'
		},
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
	process.env.E2E_DATABASE_URL = pg.url;
	process.env.E2E_SMTP_URL = smtp.url;
	process.env.E2E_MAIL_DIR = mailDir;
	return async () => {
		server.kill('SIGTERM');
		await new Promise((r) => setTimeout(r, 200));
		server.kill('SIGKILL');
		pg.stop();
		await smtp.close();
		rmSync(mailDir, { recursive: true, force: true });
	};
}
