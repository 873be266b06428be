// Secrets at rest (Mollie tokens and API keys, webhook signing secrets): AES-256-GCM under SECRETS_KEY. The first
// key seals, every listed key opens, so a key is rotated by putting the new one in front and re-sealing later.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const PREFIX = 'v1';

export type Keyring = { keys: { id: string; key: Buffer }[] };

/** A key's id: the first bytes of its hash, so a sealed value names the key that opens it and never the key itself. */
const idOf = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);

/** One key: 32 bytes as base64 (44 characters) or hex (64). */
export function parseKey(text: string): Buffer {
	const t = text.trim();
	const key = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
	if (key.length !== 32) throw new Error('SECRETS_KEY: each key must be 32 bytes, as base64 (e.g. `openssl rand -base64 32`) or hex');
	return key;
}

/** "new,old,older": the first seals, all open. */
export function keyring(list: string): Keyring {
	const keys = list
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean)
		.map((s) => {
			const key = parseKey(s);
			return { id: idOf(key), key };
		});
	if (keys.length === 0) throw new Error('SECRETS_KEY: no key given');
	return { keys };
}

/**
 * The demo's key: made once beside the data and kept (mode 0600), so `npm start` needs no configuration and a restart
 * still opens what it sealed. Outside the demo SECRETS_KEY should be set, so the key does not sit next to the data.
 */
export function localKeyring(file: string): Keyring {
	if (!existsSync(file)) {
		mkdirSync(dirname(file), { recursive: true });
		writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
	}
	chmodSync(file, 0o600);
	return keyring(readFileSync(file, 'utf8'));
}

export const isSealed = (value: string) => value.startsWith(`${PREFIX}:`);

/**
 * Seals `plain`; `purpose` (e.g. "mollie.access:<merchant id>") is bound to it as associated data, so a sealed value
 * copied into another row or column does not open there.
 */
export function seal(ring: Keyring, purpose: string, plain: string): string {
	const { id, key } = ring.keys[0];
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', key, iv);
	cipher.setAAD(Buffer.from(purpose));
	const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
	return [PREFIX, id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(':');
}

export class VaultError extends Error {}

export function open(ring: Keyring, purpose: string, sealed: string): string {
	const [prefix, id, iv, tag, body] = sealed.split(':');
	if (prefix !== PREFIX || !body) throw new VaultError('not a sealed value');
	const entry = ring.keys.find((k) => k.id === id);
	if (!entry) throw new VaultError(`sealed under key ${id}, which SECRETS_KEY no longer lists`);
	const decipher = createDecipheriv('aes-256-gcm', entry.key, Buffer.from(iv, 'base64url'));
	decipher.setAAD(Buffer.from(purpose));
	decipher.setAuthTag(Buffer.from(tag, 'base64url'));
	try {
		return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
	} catch {
		throw new VaultError('sealed value does not open (wrong key or purpose, or altered)');
	}
}

/** True when the value was sealed under a key other than the current one (to re-seal after a rotation). */
export const needsReseal = (ring: Keyring, sealed: string) => sealed.split(':')[1] !== ring.keys[0].id;

/** What the console may show of a secret: its kind and last four characters. */
export function hint(secret: string): string {
	const prefix = /^(test_|live_|access_|whsec_)/.exec(secret)?.[1] ?? '';
	return `${prefix}…${secret.slice(-4)}`;
}
