// Starts a throw-away PostgreSQL cluster for the tests (or uses TEST_DATABASE_URL when it is set).
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type RunningPostgres = {
	url: string;
	/** The same server through its unix socket, when this harness started it (undefined for TEST_DATABASE_URL). */
	socketUrl?: string;
	/** The cluster's data directory, when this harness started it (benches read the server's pid from it). */
	dataDir?: string;
	stop: () => void;
};

function findBinDir(): string {
	const fromEnv = process.env.PG_BIN_DIR;
	if (fromEnv) return fromEnv;
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
	for (const v of versions) {
		if (existsSync(join(root, v, 'bin', 'initdb'))) return join(root, v, 'bin');
	}
	const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
	if (which.status === 0) return join(which.stdout.trim(), '..');
	throw new Error(
		'No PostgreSQL server binaries found (initdb). Install PostgreSQL (e.g. apt-get install postgresql), ' +
			'set PG_BIN_DIR, or point TEST_DATABASE_URL at a server you own.'
	);
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

export async function startPostgres(): Promise<RunningPostgres> {
	if (process.env.TEST_DATABASE_URL) return { url: process.env.TEST_DATABASE_URL, stop: () => {} };

	const bin = findBinDir();
	const dir = mkdtempSync(join(tmpdir(), 'coulant-pg-'));
	const asRoot = process.getuid?.() === 0;
	// PostgreSQL refuses to run as root: hand the folder to the postgres user and run as that user.
	if (asRoot) {
		const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
		const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
		chownSync(dir, uid, gid);
	}
	const run = (cmd: string, args: string[]) => {
		const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args];
		const result = spawnSync(file, argv, { encoding: 'utf8' });
		if (result.status !== 0) throw new Error(`${cmd} failed: ${result.stderr || result.stdout}`);
	};
	const data = join(dir, 'data');
	const port = await freePort();
	run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--locale=C']);
	run('pg_ctl', [
		'-D',
		data,
		'-l',
		join(dir, 'log'),
		'-w',
		'-t',
		'60',
		'-o',
		`-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
		'start'
	]);
	return {
		url: `postgres://postgres@127.0.0.1:${port}/postgres`,
		socketUrl: `postgres://postgres@localhost:${port}/postgres?host=${encodeURIComponent(dir)}`,
		dataDir: data,
		stop: () => {
			try {
				run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		}
	};
}
