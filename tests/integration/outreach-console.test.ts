// "Verzonden berichten" as support reads it: only the signed-in merchant's messages, a queued journey message shown as
// it would go now (the sender writes its body only when it goes), and a sent one as it went, without a usable link.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/client';
import { outboxMessages } from '../../src/lib/server/db/schema';
import { listMessages, message } from '../../src/lib/server/outreach/console';
import { planAll } from '../../src/lib/server/outreach/plan';
import { sendDue } from '../../src/lib/server/outreach/send';
import { smtpTransport, type Transport } from '../../src/lib/server/outreach/transport';
import { testDatabase } from '../helpers/db';
import * as make from '../helpers/fixtures';
import { startSmtp, type TestSmtp } from '../helpers/smtp';

const ORIGIN = 'http://app.test';
const NOW = new Date('2026-11-02T09:00:00Z'); // a Monday, ten o'clock in Amsterdam

let database: Database;
let smtp: TestSmtp;
let transport: Transport;
beforeAll(async () => {
	database = await testDatabase();
	smtp = await startSmtp();
	transport = smtpTransport(smtp.url, { maxConnections: 1, timeoutMs: 3000 });
});
afterAll(async () => {
	transport?.close();
	await smtp?.close();
	await database?.close();
});

async function owing(name: string) {
	const { db } = database;
	const m = await make.merchant(db, { displayName: `Winkel ${name}` });
	const user = await make.user(db, m.id);
	const d = await make.debtor(db, m.id, { name, email: `${name.toLowerCase()}@example.nl` });
	await make.claim(db, { merchantId: m.id, debtorId: d.id }, { reference: `F-${name}`, amountCents: 8_950, dueOn: '2026-11-02' });
	return { scope: { merchantId: m.id, userId: user.id, role: 'owner' as const }, d };
}

describe('the outbox in the console', () => {
	it('shows a queued journey message as it would go now, marked as a preview, and a sent one as it went', async () => {
		const { scope, d } = await owing('Noor');
		const other = await owing('Bram');
		await planAll(database.db, { origin: ORIGIN, mailDomain: 'coulant.test' }, NOW);
		const [row] = await database.db.select().from(outboxMessages).where(eq(outboxMessages.debtorId, d.id));
		expect(row.html).toBe('');

		const queued = await message(database.db, scope, row.id, ORIGIN);
		expect(queued).toMatchObject({ status: 'queued', preview: true, debtorName: 'Noor' });
		expect(queued!.html).toContain('F-Noor');
		expect(queued!.text).toMatch(/€\s89,50/);
		expect(queued!.text).toContain('#link');

		// Another merchant's staff see neither the message nor it in their list.
		expect(await message(database.db, other.scope, row.id, ORIGIN)).toBeNull();
		expect((await listMessages(database.db, other.scope, {})).rows.map((r) => r.debtorName)).toEqual(['Bram']);

		await sendDue(database.db, { transport, origin: ORIGIN, mailFrom: 'berichten@coulant.test', linkTtlDays: 30 }, () => NOW);
		const sent = await message(database.db, scope, row.id, ORIGIN);
		expect(sent).toMatchObject({ status: 'sent', preview: false });
		expect(sent!.text).toMatch(/€\s89,50/);
		expect(sent!.html).not.toMatch(/\/d\/[A-Za-z0-9_-]{20,}/);
	});
});
