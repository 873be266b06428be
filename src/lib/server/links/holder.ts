// The holder of a link: the debtor a personal link (or an instalment's pay link, or a payment's return link)
// opens, and the merchant behind them — found by the portal's lookup, used by the payments, plans, promises
// and support services. Each verb takes the part of it that it uses.
import type { Policy } from '../../domain/policy';

export type LinkHolder = {
	debtorId: string;
	debtorName: string;
	merchantId: string;
	merchantName: string;
	policy: Policy;
};
