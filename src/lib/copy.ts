// Copy in the merchant's tone: the one way pages, messages and the console pick a tone's words.
// A message `key_<tone>` wins, else `key` serves every tone (the rule lives in domain/tone, shared with the video).
import { m } from './paraglide/messages';
import { tonedKey, type Tone } from './domain/tone';

type Catalogue = typeof m;
type Key = keyof Catalogue & string;
type Base<K extends string> = K extends `${infer B}_${Tone}` ? B : K;
/** A message key as pages name it: `greeting`, not `greeting_formal`. */
export type TonedKey = Base<Key>;
type Variant<B extends string> = Extract<Key, B | `${B}_${Tone}`>;
type Inputs<B extends string> = Parameters<Catalogue[Variant<B>]>[0];
type Message = (inputs?: Record<string, unknown>, options?: { locale?: string }) => string;

const catalogue = m as unknown as Record<string, Message | undefined>;
const exists = (key: string) => typeof catalogue[key] === 'function';

/** The message `key` in `tone`, with its inputs; `locale` only where the request's locale is not the one wanted (e-mails). */
export function toned<B extends TonedKey>(tone: Tone, key: B, inputs?: Inputs<B>, locale?: string): string {
	const message = catalogue[tonedKey(key, tone, exists)];
	if (!message) throw new Error(`No message ${key} in any tone`);
	return message((inputs ?? {}) as Record<string, unknown>, locale ? { locale } : undefined);
}
