// What the console's account forms accept. Messages are message keys; the page turns them into copy.
import { z } from 'zod';

const email = z
	.string()
	.trim()
	.toLowerCase()
	.pipe(z.email({ error: 'console_error_email' }).max(254, { error: 'console_error_email' }));

export const PASSWORD_MIN = 10;

export const signInForm = z.object({
	email,
	// No minimum here: an old short password must still get the same "wrong credentials" answer.
	password: z.string().min(1, { error: 'console_error_password_missing' }).max(200, { error: 'console_signin_wrong' })
});

export const inviteForm = z.object({ email });

export const acceptInviteForm = z
	.object({
		name: z.string().trim().min(1, { error: 'console_error_name' }).max(100, { error: 'console_error_name' }),
		password: z.string().min(PASSWORD_MIN, { error: 'console_error_password_short' }).max(200, { error: 'console_error_password_long' }),
		confirm: z.string()
	})
	.refine((f) => f.password === f.confirm, { error: 'console_error_password_mismatch', path: ['confirm'] });

/** The first problem as a message key, for a form that shows one message at a time. */
export function firstProblem(error: z.ZodError): string {
	return error.issues[0]?.message ?? 'console_error_generic';
}
