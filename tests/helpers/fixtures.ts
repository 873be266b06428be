// Small builders for test data; each returns what it created.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/lib/server/db/client';
import { claims, debtors, merchants, users } from '../../src/lib/server/db/schema';

export async function merchant(db: Db, over: Partial<typeof merchants.$inferInsert> = {}) {
	const [row] = await db
		.insert(merchants)
		.values({ slug: `m-${randomUUID()}`, displayName: 'Testwinkel', contactEmail: 'help@test.example', ...over })
		.returning();
	return row;
}

export async function debtor(db: Db, merchantId: string, over: Partial<typeof debtors.$inferInsert> = {}) {
	const [row] = await db
		.insert(debtors)
		.values({ merchantId, customerRef: `c-${randomUUID()}`, name: 'Sanne de Vries', ...over })
		.returning();
	return row;
}

export async function claim(db: Db, owner: { merchantId: string; debtorId: string }, over: Partial<typeof claims.$inferInsert> = {}) {
	const [row] = await db
		.insert(claims)
		.values({
			...owner,
			reference: `F-${randomUUID().slice(0, 8)}`,
			description: 'Abonnement oktober',
			amountCents: 2495,
			issuedOn: '2026-10-01',
			dueOn: '2026-10-15',
			...over
		})
		.returning();
	return row;
}

/** A console user of the merchant (the password hash is a placeholder: these tests never sign in). */
export async function user(db: Db, merchantId: string, over: Partial<typeof users.$inferInsert> = {}) {
	const [row] = await db
		.insert(users)
		.values({
			merchantId,
			email: `agent-${randomUUID()}@test.example`,
			name: 'Anouk Agent',
			role: 'agent',
			passwordHash: 'not-a-real-hash',
			...over
		})
		.returning();
	return row;
}
