// Output names: a keyed hash of the props and the composition version, so identical inputs never render twice,
// and nobody can confirm what a video says by hashing guessed props (first name, amount, date, public brand)
// with the public source: the key is the installation's secret (secrets.ts), which never leaves the server.
import { createHmac } from 'node:crypto';
import type { VideoProps } from '../../schemas/video';
import type { Db } from '../db/client';
import { secret } from '../secrets';
import { contentName } from './version';

// The installation's secret, the same for every process and every debtor: not per-user state.
let key: Buffer | undefined;

/** Reads the installation's secret for outputName; cheap after the first call. Every async entry point calls it. */
export async function ensureMediaKey(db: Db): Promise<void> {
	key = await secret(db);
}

export function outputName(props: VideoProps, root?: string): string {
	if (!key) throw new Error('video names need the installation secret: await ensureMediaKey(db) first');
	return createHmac('sha256', key)
		.update(contentName({ kind: 'video', props }, root))
		.digest('hex')
		.slice(0, 40);
}
