// The API's OpenAPI document itself; tests/integration/api.test.ts holds the real answers against it.
import { describe, expect, it } from 'vitest';
import { openapi } from './openapi';

describe('rate limits per key', () => {
	it('is documented: every operation can answer 429 with Retry-After and the RateLimit headers', () => {
		for (const path of Object.values(openapi.paths))
			for (const op of Object.values(path)) {
				const r = (op.responses as Record<string, { headers?: Record<string, unknown> }>)['429'];
				expect(Object.keys(r.headers ?? {}).sort()).toEqual(['RateLimit', 'RateLimit-Policy', 'Retry-After']);
			}
		expect(openapi.info.description).toContain('429');
	});
});

describe('the OpenAPI document', () => {
	it('is OpenAPI 3.1 and documents every operation with problem documents for errors', () => {
		expect(openapi.openapi).toBe('3.1.0');
		expect(Object.keys(openapi.paths).sort()).toEqual(
			[
				'/claims',
				'/claims/{reference}',
				'/claims/{reference}/evidence',
				'/claims/{reference}/paid',
				'/claims/{reference}/payments',
				'/claims/{reference}/plans',
				'/claims/{reference}/recall',
				'/debtors/{customer_ref}',
				'/events'
			].sort()
		);
		expect(Object.keys(openapi.paths['/debtors/{customer_ref}'])).toEqual(['get', 'patch']);
		for (const path of Object.values(openapi.paths))
			for (const op of Object.values(path))
				for (const [status, r] of Object.entries(op.responses))
					if (Number(status) >= 400) expect(Object.keys((r as { content: object }).content)).toEqual(['application/problem+json']);
	});
});
