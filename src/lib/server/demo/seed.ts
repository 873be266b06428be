// Demo data for the embedded default: one merchant and debtors in different situations.
import { createHash } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { claims, debtorMessages, debtors, merchants } from '../db/schema';
import * as linkService from '../links/service';
import * as messages from '../support/messages';
import * as accountService from '../accounts/service';
import { userByEmail } from '../accounts/queries';

const LOGO = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96" role="img" aria-label="De Groene Fiets">
<rect width="96" height="96" rx="22" fill="#1d6b4f"/>
<circle cx="30" cy="58" r="15" fill="none" stroke="#fff" stroke-width="6"/>
<circle cx="66" cy="58" r="15" fill="none" stroke="#fff" stroke-width="6"/>
<path d="M30 58 L44 34 L58 58 M44 34 H62 L66 58" fill="none" stroke="#f2b134" stroke-width="6" stroke-linejoin="round" stroke-linecap="round"/>
</svg>`;

type DemoClaim = { reference: string; description: string; amountCents: number; daysAgo: number; status?: 'open' | 'paid' };
type DemoDebtor = {
	customerRef: string;
	name: string;
	email: string;
	/** E.164; with `prefers: 'sms'` the journey reaches them by text message (the local CM stand-in). */
	phone?: string;
	/** 'letter': the journey's steps go to the print queue (console → Brieven), with the address below. */
	prefers?: 'sms' | 'letter';
	address?: { street: string; postcode: string; city: string };
	/** Set up a monthly direct-debit plan (its first instalment paid by iDEAL at the Mollie stand-in). */
	plan?: boolean;
	locale: 'nl' | 'en';
	situation: string;
	claims: DemoClaim[];
	question?: string;
};

const DEBTORS: DemoDebtor[] = [
	{
		customerRef: 'K-1001',
		name: 'Sanne de Vries',
		email: 'sanne@example.nl',
		phone: '+31612345678',
		prefers: 'sms',
		locale: 'nl',
		situation: 'one missed monthly payment, reminded by text message',
		claims: [{ reference: 'GF-2026-1187', description: 'Fietsabonnement oktober', amountCents: 2495, daysAgo: 21 }]
	},
	{
		customerRef: 'K-1002',
		name: 'Mehmet Yılmaz',
		email: 'mehmet@example.nl',
		prefers: 'letter',
		address: { street: 'Kanaalstraat 118-2', postcode: '3531CK', city: 'Utrecht' },
		locale: 'nl',
		situation: 'three open invoices, reached by letter',
		claims: [
			{ reference: 'GF-2026-0912', description: 'Fietsabonnement augustus', amountCents: 2495, daysAgo: 82 },
			{ reference: 'GF-2026-1004', description: 'Fietsabonnement september', amountCents: 2495, daysAgo: 52 },
			{ reference: 'GF-2026-1033', description: 'Reparatie achterwiel en nieuwe band', amountCents: 6450, daysAgo: 40 }
		]
	},
	{
		customerRef: 'K-1003',
		name: 'Jan-Willem van den Berg-Oosterhuis',
		email: 'jw@example.nl',
		address: { street: 'Burgemeester van Roijensingel 101', postcode: '8011CT', city: 'Zwolle' },
		locale: 'nl',
		situation: 'a large business invoice, long name',
		claims: [
			{ reference: 'GF-ZAK-2026-0042', description: 'Bedrijfsvloot: 24 e-bikes, leasetermijn Q3', amountCents: 1234567, daysAgo: 35 }
		]
	},
	{
		customerRef: 'K-1004',
		name: 'Emma Clarke',
		email: 'emma@example.com',
		locale: 'en',
		situation: 'English-speaking, one open invoice and one paid, a question for support',
		question: 'Hi! Could I pay the open invoice after my salary comes in on the 25th? Thanks, Emma',
		claims: [
			{ reference: 'GF-2026-1102', description: 'Bike subscription, October', amountCents: 2495, daysAgo: 25 },
			{ reference: 'GF-2026-0990', description: 'Bike subscription, September', amountCents: 2495, daysAgo: 55, status: 'paid' }
		]
	},
	{
		customerRef: 'K-1005',
		name: 'Noor El Amrani',
		email: 'noor@example.nl',
		locale: 'nl',
		situation: 'everything already paid',
		claims: [{ reference: 'GF-2026-0801', description: 'Fietsabonnement juli', amountCents: 2495, daysAgo: 110, status: 'paid' }]
	},
	{
		customerRef: 'K-1006',
		name: 'Lotte Bakker',
		email: 'lotte@example.nl',
		locale: 'nl',
		situation: 'a payment plan by direct debit',
		plan: true,
		claims: [{ reference: 'GF-2026-1120', description: 'Nieuwe accu en fietsabonnement november', amountCents: 17985, daysAgo: 18 }]
	}
];

const day = (now: Date, daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);

async function upsertMerchant(db: Db) {
	const logo = new TextEncoder().encode(LOGO);
	const values = {
		slug: 'de-groene-fiets',
		displayName: 'De Groene Fiets',
		tone: 'friendly' as const,
		brandColor: '#1d6b4f',
		accentColor: '#f2b134',
		logo,
		logoType: 'image/svg+xml',
		logoHash: createHash('sha256').update(logo).digest('hex').slice(0, 16),
		contactEmail: 'klantenservice@degroenefiets.example',
		contactPhone: '+31 20 123 4567',
		contactHours: 'ma–vr 9:00–17:00',
		website: 'https://degroenefiets.example'
	};
	const [row] = await db
		.insert(merchants)
		.values(values)
		.onConflictDoUpdate({ target: merchants.slug, set: values })
		.returning({ id: merchants.id });
	return row.id;
}

async function upsertDebtor(db: Db, merchantId: string, d: DemoDebtor, now: Date) {
	const [existing] = await db
		.select({ id: debtors.id })
		.from(debtors)
		.where(and(eq(debtors.merchantId, merchantId), eq(debtors.customerRef, d.customerRef)));
	const debtorId =
		existing?.id ??
		(
			await db
				.insert(debtors)
				.values({
					merchantId,
					customerRef: d.customerRef,
					name: d.name,
					email: d.email,
					phone: d.phone ?? null,
					preferredChannel: d.prefers ?? null,
					...d.address,
					locale: d.locale
				})
				.returning({ id: debtors.id })
		)[0].id;
	// A demo made before debtors had addresses gets them (and the choice of a letter) on its next start.
	if (existing && d.address)
		await db
			.update(debtors)
			.set({ ...d.address, preferredChannel: d.prefers ?? null })
			.where(and(eq(debtors.id, debtorId), isNull(debtors.street)));
	for (const c of d.claims) {
		await db
			.insert(claims)
			.values({
				merchantId,
				debtorId,
				reference: c.reference,
				description: c.description,
				amountCents: c.amountCents,
				currency: 'EUR',
				issuedOn: day(now, c.daysAgo + 14),
				dueOn: day(now, c.daysAgo),
				status: c.status ?? 'open'
			})
			.onConflictDoNothing();
	}
	return debtorId;
}

/** A demo debtor's question for support, once: the console then has a message waiting for an answer. */
async function askOnce(db: Db, who: { merchantId: string; debtorId: string }, body: string, now: Date) {
	const [asked] = await db.select({ id: debtorMessages.id }).from(debtorMessages).where(eq(debtorMessages.debtorId, who.debtorId)).limit(1);
	if (!asked) await messages.send(db, who, { kind: 'question', claimId: null, body, attachment: null }, now);
}

export type DemoLink = { name: string; situation: string; token: string; plan: boolean };

/**
 * Creates the demo once and hands out a fresh link per demo debtor on every start:
 * tokens are stored only as hashes, so earlier links cannot be printed again (they keep working).
 */
export async function seedDemo(db: Db, linkTtlDays: number, now = new Date()): Promise<DemoLink[]> {
	const merchantId = await upsertMerchant(db);
	const result: DemoLink[] = [];
	for (const d of DEBTORS) {
		const debtorId = await upsertDebtor(db, merchantId, d, now);
		if (d.question) await askOnce(db, { merchantId, debtorId }, d.question, now);
		const { token } = await linkService.issue(db, debtorId, linkTtlDays, now);
		result.push({ name: d.name, situation: d.situation, token, plan: d.plan ?? false });
	}
	return result;
}

/** The demo's console login. Demo mode only: the password is fixed and printed at start-up. */
export const DEMO_OWNER = { email: 'eigenaar@degroenefiets.example', password: 'demo-wachtwoord', name: 'Femke de Groot' };

/** Creates the demo owner once (after seedDemo); an existing account is left as it is. */
export async function seedDemoOwner(db: Db) {
	const [merchant] = await db.select({ id: merchants.id }).from(merchants).where(eq(merchants.slug, 'de-groene-fiets'));
	if (merchant && !(await userByEmail(db, DEMO_OWNER.email))) {
		await accountService.createUser(db, { ...DEMO_OWNER, merchantId: merchant.id, role: 'owner' });
	}
	return { email: DEMO_OWNER.email, password: DEMO_OWNER.password };
}
