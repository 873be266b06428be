// The bodies of the API's verbs on one claim or debtor: paid outside Coulant, recalled, contact details changed.
// Messages are the shared problem codes (see server/api/problem.ts), or a reason in words where none fits.
import { z } from 'zod';
import { parseDay } from '../domain/schedule';
import { debtorFields } from './claims';

const reason = z.string({ error: 'required' }).trim().min(1, { error: 'required' }).max(500, { error: 'too_long' });
const day = z.string({ error: 'date' }).refine((v) => parseDay(v) === v, { error: 'date' });

export const paidRequest = z.object({
	/** The day the debtor paid the merchant; today when left out. */
	paid_on: day.optional(),
	/** What was paid; less than is open records a part payment, absent means all that is open. */
	amount_cents: z
		.number({ error: 'amount' })
		.int({ error: 'amount' })
		.positive({ error: 'amount_positive' })
		.max(1e13, { error: 'amount' })
		.optional(),
	reason: reason.optional()
});

export const recallRequest = z.object({ reason });

const f = debtorFields.shape;
/** The fields a change may remove by sending null (a union with null would hide the field's own problem code). */
export const CLEARABLE = ['email', 'phone', 'street', 'postcode', 'city', 'preferred_channel'] as const;
/** Only the fields sent change; checked with the same schemas as the import, nulls taken out first (see CLEARABLE). */
export const contactRequest = z.object({
	email: f.email,
	phone: f.phone,
	street: f.street,
	postcode: f.postcode,
	city: f.city,
	country: z
		.string({ error: 'country' })
		.trim()
		.toUpperCase()
		.regex(/^[A-Z]{2}$/, { error: 'country' })
		.optional(),
	locale: f.locale,
	preferred_channel: f.preferred_channel
});
export type ContactRequest = z.infer<typeof contactRequest>;
