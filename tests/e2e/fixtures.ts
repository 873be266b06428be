// Fresh debtors for tests that change state, written straight into the e2e server's database.
import { openPostgres } from '../../src/lib/server/db/client';
import * as links from '../../src/lib/server/links/service';
import * as make from '../helpers/fixtures';

export async function debtorOwing(amounts: number[], merchant: { tone?: 'friendly' | 'neutral' | 'formal' } = {}) {
	const database = await openPostgres(process.env.E2E_DATABASE_URL!, { max: 1 });
	try {
		const m = await make.merchant(database.db, { displayName: 'Fietsenwinkel Test', brandColor: '#7a2e8e', ...merchant });
		const d = await make.debtor(database.db, m.id, { name: 'Lotte Jansen' });
		for (const amountCents of amounts) await make.claim(database.db, { merchantId: m.id, debtorId: d.id }, { amountCents });
		const { token } = await links.issue(database.db, d.id, 30);
		return `/d/${token}`;
	} finally {
		await database.close();
	}
}
