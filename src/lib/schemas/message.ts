// What a debtor's message form sends. Errors carry message keys, so the page can say them in the debtor's language.
import { z } from 'zod';
import { MAX_MESSAGE_CHARS, MESSAGE_KINDS } from '../domain/message';

export const messageForm = z.object({
	kind: z.enum(MESSAGE_KINDS, { error: 'message_error_kind' }),
	claimId: z
		.string()
		.trim()
		.transform((v) => v || null)
		.pipe(z.uuid({ error: 'message_error_claim' }).nullable()),
	body: z
		.string({ error: 'message_error_body_empty' })
		.trim()
		.min(1, { error: 'message_error_body_empty' })
		.max(MAX_MESSAGE_CHARS, { error: 'message_error_body_long' })
});
export type MessageForm = z.infer<typeof messageForm>;
export type MessageFormProblem = 'message_error_kind' | 'message_error_claim' | 'message_error_body_empty' | 'message_error_body_long';
