import { z } from 'zod';
import { FREQUENCIES } from '../domain/schedule';

/** The plan builder's choices, from its GET preview or its POST confirm. */
export const planChoice = z.object({
	terms: z.coerce.number({ error: 'Choose a number of instalments.' }).int().min(1).max(60),
	frequency: z.enum(FREQUENCIES, { error: 'Choose how often to pay.' }),
	payday: z.coerce.number({ error: 'Choose a day of the month.' }).int().min(1).max(31),
	collection: z.enum(['direct_debit', 'pay_by_link'], { error: 'Choose how to pay.' })
});
export type PlanChoice = z.infer<typeof planChoice>;
