// CPU time spent by processes, read from /proc: what a page view costs in CPU does not change much when a neighbour
// loads the machine, while its requests per second do. Linux only; elsewhere the figures are absent.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const TICKS_PER_SECOND = 100;

function stat(pid: number): { ppid: number; ticks: number } | null {
	try {
		const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command name is in parentheses and may hold spaces: the fields start after the last ')'.
		const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
		return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
	} catch {
		return null;
	}
}

/** The PostgreSQL server of a data directory and all its backends. */
export function postgresPids(dataDir: string | undefined): () => number[] {
	if (!dataDir || !existsSync(join(dataDir, 'postmaster.pid'))) return () => [];
	const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
	return () => [
		postmaster,
		...readdirSync('/proc')
			.filter((d) => /^\d+$/.test(d))
			.map(Number)
			.filter((pid) => stat(pid)?.ppid === postmaster)
	];
}

/** CPU milliseconds used so far by these processes. */
export function cpuMs(pids: number[]): number {
	return pids.reduce((ms, pid) => ms + ((stat(pid)?.ticks ?? 0) * 1000) / TICKS_PER_SECOND, 0);
}

export const hasProc = existsSync('/proc/self/stat');
