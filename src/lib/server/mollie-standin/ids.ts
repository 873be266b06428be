// Mollie-style identifiers: a resource prefix and ten random alphanumerics.
import { randomInt } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function mollieId(prefix: 'tr' | 'cst' | 'mdt' | 'sub' | 're' | 'chb'): string {
	let id = '';
	for (let i = 0; i < 10; i++) id += ALPHABET[randomInt(ALPHABET.length)];
	return `${prefix}_${id}`;
}
