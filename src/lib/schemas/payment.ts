import { z } from 'zod';

/** The debtor's pay button: iDEAL (the primary method) or the merchant's other methods. */
export const payChoice = z.object({ method: z.enum(['primary', 'others'], { error: 'Choose how you want to pay.' }) });
