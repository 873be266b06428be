// Claims and the balance a debtor sees.
import { sum, type Money } from './money';

export const CLAIM_STATUSES = ['open', 'paid', 'recalled'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export type ClaimLine = Money & {
	id: string;
	reference: string;
	description: string;
	issuedOn: string;
	dueOn: string;
	status: ClaimStatus;
	/** The debtor disputes it: on hold until support answers. */
	disputed?: boolean;
};

export type Balance = {
	/** What the debtor may pay now: open claims that are not on hold. */
	total: Money;
	/** Every open claim, oldest first, on hold or not. */
	open: ClaimLine[];
	/** The open claims `total` adds up, oldest first: not on hold. */
	asked: ClaimLine[];
	/** Open claims on hold: disputed, or all of them while collection is paused. */
	onHold: Money;
	/** Everything still open, on hold or not: what is on hold is still owed, just not asked for now. */
	outstanding: Money;
	/** The earliest due date among open claims: "open since". */
	oldestDueOn: string | null;
};

/** The balance is the open claims only, oldest first; it assumes one currency per debtor. */
export function balanceOf(claims: readonly ClaimLine[], currency = 'EUR', options: { paused?: boolean } = {}): Balance {
	const open = claims
		.filter((c) => c.status === 'open')
		.toSorted((a, b) => a.dueOn.localeCompare(b.dueOn) || a.reference.localeCompare(b.reference));
	const held = (c: ClaimLine) => options.paused || !!c.disputed;
	const unit = open[0]?.currency ?? currency;
	const asked = open.filter((c) => !held(c));
	return {
		total: sum(asked, unit),
		asked,
		open,
		onHold: sum(open.filter(held), unit),
		outstanding: sum(open, unit),
		oldestDueOn: open[0]?.dueOn ?? null
	};
}

/** Whole days a claim is past its due date on a given day (0 when not yet due). */
export function daysOverdue(dueOn: string, today: string): number {
	const ms = Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dueOn}T00:00:00Z`);
	return Math.max(0, Math.round(ms / 86_400_000));
}
