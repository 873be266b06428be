// The stand-in's Mollie Connect authorize page: the tester approves for a new organization (a Mollie account of its
// own) or an existing one, or denies; either way the browser goes back to the app's redirect URI with the state.
import { error, redirect } from '@sveltejs/kit';
import { desc } from 'drizzle-orm';
import { z } from 'zod';
import { config, MOLLIE_STANDIN_APP } from '$lib/server/config';
import { standinOrganizations } from '$lib/server/db/schema';
import { standinContext } from '$lib/server/mollie-standin/install';
import { approve, SCOPES } from '$lib/server/mollie-standin/oauth';
import type { Actions, PageServerLoad } from './$types';

const request = z.object({
	client_id: z.literal(MOLLIE_STANDIN_APP.clientId),
	redirect_uri: z.url(),
	state: z.string().min(1).max(200),
	scope: z.string().max(500).default(SCOPES.join(' ')),
	response_type: z.literal('code')
});

function parse(url: URL) {
	const ctx = standinContext();
	if (!ctx) error(404, 'not_found');
	const parsed = request.safeParse(Object.fromEntries(url.searchParams));
	// Like Mollie: only the redirect URI registered for the app (here: the app's own callback).
	if (!parsed.success || parsed.data.redirect_uri !== `${config().origin}/console/mollie/callback`) error(400, 'invalid_request');
	return { ctx, req: parsed.data };
}

export const load: PageServerLoad = async ({ url }) => {
	const { ctx, req } = parse(url);
	const organizations = await ctx.db
		.select({ id: standinOrganizations.id, name: standinOrganizations.name })
		.from(standinOrganizations)
		.orderBy(desc(standinOrganizations.createdAt))
		.limit(20);
	// The forms post back to this address with its query, so the action sees the same request.
	return { scopes: req.scope.split(' '), organizations, query: url.searchParams.toString() };
};

const back = (req: z.infer<typeof request>, params: Record<string, string>) => {
	const target = new URL(req.redirect_uri);
	for (const [k, v] of Object.entries({ ...params, state: req.state })) target.searchParams.set(k, v);
	return target.href;
};

const answer = z.object({
	organization: z
		.string()
		.regex(/^(new|org_\w+)$/)
		.default('new'),
	name: z.string().trim().max(100).default('')
});

export const actions: Actions = {
	approve: async ({ url, request: r }) => {
		const { ctx, req } = parse(url);
		const form = answer.parse(Object.fromEntries(await r.formData()));
		const approved = await approve(
			ctx.db,
			{
				clientId: req.client_id,
				redirectUri: req.redirect_uri,
				scope: req.scope,
				...(form.organization === 'new' ? { organizationName: form.name || 'Testorganisatie' } : { organizationId: form.organization })
			},
			ctx.now()
		);
		if (!approved) error(400, 'unknown organization');
		redirect(303, back(req, { code: approved.code }));
	},
	deny: async ({ url }) => {
		const { req } = parse(url);
		redirect(303, back(req, { error: 'access_denied', error_description: 'The user denied the authorization' }));
	}
};
