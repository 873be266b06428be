// The installation's keyring for secrets at rest, read once: SECRETS_KEY, or the demo's key kept beside the data.
import { config } from './config';
import { keyring, localKeyring, open, seal, type Keyring } from './vault';

let ring: Keyring | undefined;

export function currentRing(): Keyring {
	const c = config();
	ring ??= c.secretsKey ? keyring(c.secretsKey) : localKeyring(c.secretsKeyFile);
	return ring;
}

export const sealSecret = (purpose: string, plain: string) => seal(currentRing(), purpose, plain);
export const openSecret = (purpose: string, sealed: string) => open(currentRing(), purpose, sealed);
