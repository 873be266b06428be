// Stopping within a bound: on SIGTERM or SIGINT every child of this process (a render's Chromium and ffmpeg) is
// gone, and the process has exited, within SHUTDOWN_BOUND_MS — gracefully when it can, by SIGKILL when not.
import { readdirSync, readFileSync } from 'node:fs';

/** The bound the README promises: a stopped server or worker, and all it started, is gone within this. */
export const SHUTDOWN_BOUND_MS = 10_000;

/** Every process below `root` (children, theirs, …), read from /proc; empty where there is no /proc. */
export function descendants(root = process.pid): number[] {
	const parents = new Map<number, number[]>();
	let entries: string[];
	try {
		entries = readdirSync('/proc');
	} catch {
		return [];
	}
	for (const entry of entries) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			// The command name may hold spaces and parentheses: the parent id comes after its last ')'.
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			const siblings = parents.get(ppid) ?? [];
			siblings.push(Number(entry));
			parents.set(ppid, siblings);
		} catch {
			// The process ended while we looked.
		}
	}
	const found: number[] = [];
	const todo = [root];
	while (todo.length) {
		for (const child of parents.get(todo.pop()!) ?? []) {
			todo.push(child);
			found.push(child);
		}
	}
	return found;
}

/** SIGKILLs every descendant, all found first (a killed parent's children would move to init and out of sight). */
export function killDescendants(): number {
	const all = descendants();
	for (const pid of all) {
		try {
			process.kill(pid, 'SIGKILL');
		} catch {
			// Already gone.
		}
	}
	return all.length;
}

export type ShutdownSteps = {
	/** At once: stop taking work and end what runs (the queue, renders and their browser). */
	stopWork: () => Promise<void>;
	/** When the HTTP server has closed, or half-way to the bound at the latest: connections, the database. */
	release: () => Promise<void>;
};

let installed = false;

/**
 * Runs the steps on SIGTERM/SIGINT next to adapter-node's own handling (which closes the HTTP server and then emits
 * sveltekit:shutdown, after up to SHUTDOWN_TIMEOUT = 30 s of open connections such as a live timeline stream).
 */
export function onShutdown(steps: ShutdownSteps, log: (line: string) => void = console.log, boundMs = SHUTDOWN_BOUND_MS) {
	if (installed) return;
	installed = true;
	let released: Promise<void> | undefined;
	const release = () => (released ??= steps.release().catch(() => {}));
	// Whatever way the process ends, nothing it started outlives it.
	process.once('exit', () => void killDescendants());
	const begin = (signal: string) => {
		const started = Date.now();
		log(`Coulant: ${signal}, stopping (within ${boundMs / 1000} s)`);
		void steps.stopWork().catch(() => {});
		process.once('sveltekit:shutdown' as never, () => void release());
		// Half-way, whatever still holds the HTTP server open: the database goes, so the process can end by itself.
		setTimeout(() => void release(), boundMs / 2).unref();
		setTimeout(() => {
			const killed = killDescendants();
			log(`Coulant: stopped by force after ${Date.now() - started} ms${killed ? `, ${killed} child process(es) killed` : ''}`);
			process.exit(0);
		}, boundMs - 1_500).unref();
	};
	process.once('SIGTERM', () => begin('SIGTERM'));
	process.once('SIGINT', () => begin('SIGINT'));
}
