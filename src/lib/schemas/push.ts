// A push subscription as the browser's PushSubscription.toJSON() gives it, posted from the debtor's page.
import { z } from 'zod';

const base64url = (bytes: number, what: string) =>
	z
		.string({ error: `keys.${what} is missing` })
		.regex(/^[A-Za-z0-9_-]+={0,2}$/, `keys.${what} must be base64url`)
		.refine((v) => Buffer.from(v, 'base64url').length === bytes, `keys.${what} must be ${bytes} bytes`);

export const pushSubscription = z.object(
	{
		endpoint: z.string({ error: 'endpoint is missing' }).min(1, 'endpoint is missing').max(1024, 'endpoint is too long'),
		expirationTime: z.number().nullable().optional(),
		keys: z.object(
			{
				// An uncompressed P-256 point and a 16-byte auth secret (RFC 8291).
				p256dh: base64url(65, 'p256dh'),
				auth: base64url(16, 'auth')
			},
			{ error: 'keys are missing' }
		)
	},
	{ error: 'send the subscription as a JSON object' }
);
export type PushSubscriptionInput = z.infer<typeof pushSubscription>;
