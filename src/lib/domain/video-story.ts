// What a debtor's video may say, taken from what their page shows: one source for both, so the video can never
// state an amount, a count or a date the page does not.
import type { Balance } from './claim';
import type { Money } from './money';

/** The page's own view, as far as the video reads it (see portal/service PortalView). */
export type StoryView = {
	balance: Balance;
	paused: boolean;
	plan: unknown | null;
	planOffer: { fromMonthly: Money | null } | null;
	moreTime: { earliest: string; latest: string } | null;
};

/** The facts of the "what is open and how to settle it" video. */
export type VideoStory = {
	/** What the page asks to pay now: the open claims not on hold. */
	total: Money;
	/** How many claims that is, and the oldest one's due date. */
	invoices: number;
	since: string;
	/** The page's plan offer ("from € Y per month"), if any. */
	planOffered: boolean;
	fromMonthly: Money | null;
	/** The page offers more time. */
	moreTime: boolean;
};

/**
 * The story the video tells, or null when the page asks nothing of the debtor and a video about paying would not
 * fit: nothing open (settled), collection paused, everything open on hold, or a plan running (its card says what
 * is next; a video saying "you owe € X, here are your options" would contradict it).
 */
export function videoStory(view: StoryView): VideoStory | null {
	const { balance } = view;
	if (balance.open.length === 0 || view.paused || view.plan) return null;
	if (balance.total.amountCents === 0 || balance.asked.length === 0) return null;
	return {
		total: balance.total,
		invoices: balance.asked.length,
		since: balance.asked[0].dueOn,
		planOffered: view.planOffer !== null,
		fromMonthly: view.planOffer?.fromMonthly ?? null,
		moreTime: view.moreTime !== null
	};
}
