// Ids from a URL or a form are checked before they reach a uuid column (PostgreSQL would throw on anything else).
export function isUuid(value: string): boolean {
	return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
