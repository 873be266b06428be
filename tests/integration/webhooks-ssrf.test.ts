// Webhooks never reach inside: loopback, private, link-local and other inside addresses are refused on the address
// a name resolves to, redirects are not followed, and only a little of an answer is kept.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../../src/lib/server/db/client';
import { webhookDeliveries } from '../../src/lib/server/db/schema';
import * as support from '../../src/lib/server/support/actions';
import { deliver } from '../../src/lib/server/webhooks/deliver';
import * as endpoints from '../../src/lib/server/webhooks/endpoints';
import { follow } from '../../src/lib/server/webhooks/follow';
import { allowedAddress, urlProblem } from '../../src/lib/server/webhooks/guard';
import { post } from '../../src/lib/server/webhooks/http';
import { testDatabase } from '../helpers/db';
import * as make from '../helpers/fixtures';
import { startReceiver } from '../helpers/receiver';

let database: Database;
let db: Db;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
	database = await testDatabase();
	db = database.db;
	receiver = await startReceiver({
		answer: (a) =>
			a.headers['x-path'] === 'redirect'
				? { status: 302, headers: { location: `http://127.0.0.1:${receiver.port}/elsewhere` } }
				: { status: 500, body: 'y'.repeat(50_000) }
	});
});
afterAll(async () => {
	await receiver?.close();
	await database?.close();
});

const off = { allowLoopback: false, timeoutMs: 2000 };
const on = { allowLoopback: true, timeoutMs: 2000 };

describe('the address guard, with the loopback override off', () => {
	it.each([
		['127.0.0.1', () => `https://127.0.0.1:${receiver.port}/hooks`],
		['127.0.0.1 over http', () => `http://127.0.0.1:${receiver.port}/hooks`],
		['a name resolving to 127.0.0.1', () => `https://localhost:${receiver.port}/hooks`],
		['[::1]', () => `https://[::1]:${receiver.port}/hooks`],
		['IPv4-mapped IPv6 of 127.0.0.1', () => `https://[::ffff:127.0.0.1]:${receiver.port}/hooks`],
		['10.x', () => 'https://10.1.2.3/hooks'],
		['192.168.x', () => 'https://192.168.1.1/hooks'],
		['169.254.x (cloud metadata)', () => 'https://169.254.169.254/latest/meta-data'],
		['unique-local fd00::/8', () => 'https://[fd00::1]/hooks'],
		['link-local fe80::', () => 'https://[fe80::1]/hooks'],
		['unspecified 0.0.0.0', () => `https://0.0.0.0:${receiver.port}/hooks`],
		['multicast', () => 'https://224.0.0.1/hooks']
	])('refuses %s, and nothing arrives', async (_, url) => {
		const before = receiver.arrivals.length;
		const result = await post(url(), '{}', {}, off);
		expect(result.ok).toBe(false);
		expect(result.status).toBeNull();
		expect(result.error).toMatch(/refused/);
		expect(receiver.arrivals.length).toBe(before);
	});

	it('lets public unicast addresses through, and judges an IPv4-mapped address as its IPv4', () => {
		expect(allowedAddress('93.184.215.14', off)).toBe(true);
		expect(allowedAddress('2606:2800:21f:cb07:6820:80da:af6b:8b2c', off)).toBe(true);
		expect(allowedAddress('::ffff:10.0.0.1', off)).toBe(false);
		expect(allowedAddress('::ffff:93.184.215.14', off)).toBe(true);
		expect(allowedAddress('100.64.0.1', off)).toBe(false);
	});

	it('refuses such URLs when an owner types them, and http:// without the override', () => {
		expect(urlProblem('https://hooks.example.com/in', off)).toBeNull();
		expect(urlProblem('http://hooks.example.com/in', off)).toBe('https');
		expect(urlProblem('https://10.0.0.1/in', off)).toBe('address');
		expect(urlProblem('https://[::1]/in', off)).toBe('address');
		expect(urlProblem('https://user:pw@hooks.example.com/in', off)).toBe('url');
		expect(urlProblem('not a url', off)).toBe('url');
		expect(urlProblem(`http://127.0.0.1:${receiver.port}/hooks`, on)).toBeNull();
	});

	it('records the refusal as a failed try of a delivery to a name that resolves to loopback', async () => {
		const m = await make.merchant(db);
		const owner = await make.user(db, m.id, { role: 'owner' });
		const d = await make.debtor(db, m.id);
		const scope = { merchantId: m.id, userId: owner.id, role: 'owner' as const };
		const { id } = await endpoints.create(db, scope, { url: `https://localhost:${receiver.port}/hooks`, events: ['claim.paid'] });
		const c = await make.claim(db, { merchantId: m.id, debtorId: d.id });
		await support.closeClaim(db, scope, d.id, c.id, 'paid_outside', 'bank');
		await follow(db);
		const before = receiver.arrivals.length;
		await deliver(db, off);
		const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id));
		expect(row).toMatchObject({ status: 'pending', attempts: 1, responseStatus: null });
		expect(row.error).toMatch(/refused: (127\.0\.0\.1|::1) is not a public address/);
		expect(receiver.arrivals.length).toBe(before);
	});
});

describe('with the override on (tests only)', () => {
	it('reaches the loopback receiver — so the refusals above are the guard, not a dead port', async () => {
		const result = await post(`http://127.0.0.1:${receiver.port}/hooks`, '{}', {}, on);
		expect(result.status).toBe(500);
		// At most ~2 KB of the answer is kept.
		expect(result.body.length).toBe(2048);
	});

	it('does not follow a redirect: a 3xx is a failure', async () => {
		const before = receiver.arrivals.length;
		const result = await post(`http://127.0.0.1:${receiver.port}/hooks`, '{}', { 'x-path': 'redirect' }, on);
		expect(result).toMatchObject({ ok: false, status: 302, error: 'redirect not followed' });
		expect(receiver.arrivals.length).toBe(before + 1);
	});

	it('still refuses private and link-local addresses', async () => {
		for (const url of ['https://10.0.0.1/x', 'https://169.254.169.254/x', 'https://[fd00::1]/x']) {
			expect((await post(url, '{}', {}, on)).error).toMatch(/refused/);
		}
	});
});
