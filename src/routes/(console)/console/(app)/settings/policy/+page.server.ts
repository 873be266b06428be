// The owner's policy: which options debtors get and within which limits, checked by the shared policy schema.
import { fail } from '@sveltejs/kit';
import type { Policy } from '$lib/domain/policy';
import { policySchema } from '$lib/schemas/policy';
import { requireOwner } from '$lib/server/accounts/handle';
import { db } from '$lib/server/db';
import * as settings from '$lib/server/merchants/settings';
import type { Actions, PageServerLoad } from './$types';

export type PolicyValues = Record<string, string | string[] | boolean>;

const euros = (cents: number) => (cents / 100).toFixed(2);

function valuesOf(p: Policy): PolicyValues {
	const { offers, instalments: i, moreTime } = p;
	return {
		...offers,
		minTerms: String(i.minTerms),
		maxTerms: String(i.maxTerms),
		frequencies: i.frequencies,
		minInstalment: euros(i.minInstalmentCents),
		latestStartDays: String(i.latestStartDays),
		minBalance: euros(i.minBalanceCents),
		fee: euros(i.feeCents),
		brokenAfterMisses: String(i.brokenAfterMisses),
		moreTimeDays: String(moreTime.maxDays),
		maxPostponements: String(moreTime.maxPostponements)
	};
}

// Where each part of the policy lives on the form.
const FIELD: Record<string, string> = {
	'offers.payNow': 'offers',
	'instalments.minInstalmentCents': 'minInstalment',
	'instalments.minBalanceCents': 'minBalance',
	'instalments.feeCents': 'fee',
	'moreTime.maxDays': 'moreTimeDays',
	'moreTime.maxPostponements': 'maxPostponements'
};
// The amount fields, by the part of the policy each one fills.
const AMOUNTS = { minInstalment: 'minInstalmentCents', minBalance: 'minBalanceCents', fee: 'feeCents' } as const;

export const load: PageServerLoad = async ({ locals }) => {
	const scope = requireOwner(locals);
	const s = await settings.of(await db(), scope);
	return { values: valuesOf(s.policy) };
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const scope = requireOwner(locals);
		const form = await request.formData();
		const input = settings.policyFromForm(form);
		const parsed = policySchema.safeParse(input);
		if (parsed.success) {
			await settings.savePolicy(await db(), scope, parsed.data);
			return { saved: true };
		}
		const problems: Record<string, { key: string; terms?: number }> = {};
		for (const issue of parsed.error.issues) {
			const path = issue.path.slice(0, 2).map(String).join('.');
			const field = FIELD[path] ?? String(issue.path[1] ?? issue.path[0]);
			problems[field] ??= { key: issue.code === 'custom' ? `${field}_custom` : field, terms: input.instalments.minTerms };
		}
		// An amount that is not one says so, rather than what it should be.
		for (const [f, cents] of Object.entries(AMOUNTS)) if (Number.isNaN(input.instalments[cents])) problems[f] = { key: 'amount' };
		const values: PolicyValues = {
			payNow: form.get('payNow') === 'on',
			instalments: form.get('instalments') === 'on',
			moreTime: form.get('moreTime') === 'on',
			frequencies: form.getAll('frequencies').map((v) => String(v).slice(0, 20))
		};
		for (const f of [
			'minTerms',
			'maxTerms',
			'minInstalment',
			'latestStartDays',
			'minBalance',
			'fee',
			'brokenAfterMisses',
			'moreTimeDays',
			'maxPostponements'
		]) {
			values[f] = String(form.get(f) ?? '').slice(0, 20);
		}
		return fail(400, { values, problems });
	}
};
