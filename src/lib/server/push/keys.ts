// The installation's VAPID key pair (RFC 8292): from the configuration when it names one, else made at first start
// and kept in server_secrets, so every process and every restart signs with the same key and the browsers'
// subscriptions keep working. The private key is never logged or sent anywhere.
import { eq } from 'drizzle-orm';
import webpush from 'web-push';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { serverSecrets } from '../db/schema';

export type Vapid = { publicKey: string; privateKey: string; subject: string };

const loaded = new WeakMap<Db, Promise<{ publicKey: string; privateKey: string }>>();

async function load(db: Db) {
	const made = webpush.generateVAPIDKeys();
	await db
		.insert(serverSecrets)
		.values({ name: 'vapid', value: JSON.stringify({ publicKey: made.publicKey, privateKey: made.privateKey }) })
		.onConflictDoNothing();
	// Two processes starting at once: the first one's pair wins, the other reads it.
	const [row] = await db.select({ value: serverSecrets.value }).from(serverSecrets).where(eq(serverSecrets.name, 'vapid'));
	return JSON.parse(row.value) as { publicKey: string; privateKey: string };
}

/** The key pair and subject to sign pushes with. */
export async function vapidKeys(db: Db, c: Pick<Config, 'push'>): Promise<Vapid> {
	if (c.push.vapid) return { ...c.push.vapid, subject: c.push.subject };
	let keys = loaded.get(db);
	if (!keys) {
		keys = load(db);
		keys.catch(() => loaded.delete(db));
		loaded.set(db, keys);
	}
	return { ...(await keys), subject: c.push.subject };
}
