// Where each kind of stored file lives: S3-compatible object storage when S3_BUCKET is set, otherwise this machine.
import { config } from '../config';
import { localObjects } from './local';
import { s3Client, s3Objects } from './s3';
import type { ObjectStore } from './store';

export type { ObjectStore } from './store';
export { bytesOf } from './store';

/** media: videos, posters, captions; attachments: what debtors send; stills: the console's preview frames. */
export type Area = 'media' | 'attachments' | 'stills';

// One store per area for the process, made from configuration that never changes while it runs: not per-user state.
const stores = new Map<Area, ObjectStore | null>();
let client: ReturnType<typeof s3Client> | undefined;

/**
 * The store of an area: in the bucket under `<S3_PREFIX><area>/` when object storage is configured, else the local
 * folder given (media: MEDIA_DIR), or null when the area has none (attachments stay in the database then).
 */
export function storeOf(area: Area, localDir?: string): ObjectStore | null {
	if (!stores.has(area)) {
		const c = config();
		if (c.s3) {
			client ??= s3Client(c.s3);
			stores.set(area, s3Objects(c.s3, `${area}/`, client));
		} else stores.set(area, localDir ? localObjects(localDir) : null);
	}
	return stores.get(area)!;
}

/** Whether stored files are shared between machines (object storage) or live on this one. */
export const isShared = () => config().s3 !== null;
