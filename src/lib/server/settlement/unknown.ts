// Payment ids the webhook was told about that are nobody's here: remembered for a while, so a stream of made-up or
// foreign ids costs one Mollie call each, not one per post. Per process; bounded in size and time.
const TTL_MS = 10 * 60_000;
const MAX = 10_000;
const seen = new Map<string, number>();

export function isKnownUnknown(id: string, now = Date.now()): boolean {
	const until = seen.get(id);
	if (until === undefined) return false;
	if (until > now) return true;
	seen.delete(id);
	return false;
}

export function rememberUnknown(id: string, now = Date.now()) {
	seen.delete(id);
	// Oldest first: a Map keeps insertion order, so the first key is the one to let go.
	if (seen.size >= MAX) seen.delete(seen.keys().next().value!);
	seen.set(id, now + TTL_MS);
}

/** Tests: start from nothing. */
export const forgetUnknown = () => seen.clear();
