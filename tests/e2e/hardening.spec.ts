// What an outsider or a careless client finds against the built server: odd bodies, ids and cursors answered
// 4xx (never 500), and the same security headers on the offline page and static files as on every page.
import { expect, test } from '@playwright/test';
import { signIn, tenant } from './fixtures';

const ID_FIELDS = ['id', 'claimId', 'entryId', 'messageId', 'planId', 'paymentId', 'agencyId', 'handoverId', 'attachmentId'];
const notUuid = Object.fromEntries([...ID_FIELDS.map((f) => [f, 'abc']), ['reason', 'Omdat het moet'], ['body', 'Een notitie']]);

test('sign-out answers a non-form body with a redirect, not a 500', async ({ page, baseURL }) => {
	const origin = { origin: baseURL! };
	for (const [type, data] of [
		['application/json', '{"scope":"everywhere"}'],
		['text/plain', 'scope=everywhere'],
		['multipart/form-data; boundary=x', '--broken'],
		['application/x-www-form-urlencoded', '%%%']
	]) {
		const r = await page.request.post('/console/sign-out', { data, headers: { ...origin, 'content-type': type }, maxRedirects: 0 });
		expect(r.status(), type).toBe(303);
	}
});

test('ids in form fields that are not UUIDs are refused with a 4xx on every console action, never a 500', async ({ page, baseURL }) => {
	const a = await tenant('Winkel Velden');
	await signIn(page, a.owner);
	const debtor = `/console/debtors/${a.debtors[0].id}`;
	const actions: Record<string, string[]> = {
		[debtor]: [
			'note',
			'recall',
			'paidOutside',
			'payLink',
			'answer',
			'pause',
			'resume',
			'adjustPlan',
			'handOver',
			'takeBack',
			'cancelPlan',
			'newLink'
		],
		'/console/handover': ['archiveAgency', 'confirm', 'decline', 'takeBack'],
		'/console/bank': ['book', 'dismiss'],
		'/console/webhooks': ['rotate', 'enable', 'disable', 'remove', 'resend'],
		'/console/api-keys': ['revoke'],
		'/console/letters': ['printed']
	};
	const seen: string[] = [];
	for (const [path, names] of Object.entries(actions))
		for (const name of names) {
			const r = await page.request.post(`${path}?/${name}`, {
				form: notUuid,
				headers: { origin: baseURL!, accept: 'application/json', 'x-sveltekit-action': 'true' }
			});
			const body = await r.text();
			// An action's own failure comes back inside a 200 as {"type":"failure","status":…}.
			const inner = Number(/"status":(\d{3})/.exec(body)?.[1] ?? r.status());
			seen.push(`${path}?/${name} ${r.status()} ${inner}`);
			expect(r.status(), `${path}?/${name}`).toBeLessThan(500);
			expect(inner, `${path}?/${name}: ${body.slice(0, 200)}`).toBeLessThan(500);
		}
	// Every one was answered (the loop did not stop early).
	expect(seen).toHaveLength(Object.values(actions).flat().length);
	// The debtor page's message form too: a claim id of another shape is the person's mistake to correct.
	const own = await page.context().browser()!.newContext();
	const debtorPage = await own.newPage();
	const r = await debtorPage.request.post(`${a.debtors[0].link}/message`, {
		form: { kind: 'disagree', claimId: 'abc', body: 'Klopt niet' },
		headers: { origin: baseURL! }
	});
	expect(r.status()).toBeLessThan(500);
	await own.close();
});

test('the live timeline stream takes a cursor that is not a number and still streams from now', async ({ page }) => {
	const a = await tenant('Winkel Stroom');
	await signIn(page, a.agent);
	for (const after of ['abc', '-1', '1e400', '99999999999999999999', '9007199254740991', '2147483648', '']) {
		const status = await page.evaluate(
			async (url) => {
				const controller = new AbortController();
				const r = await fetch(url, { signal: controller.signal });
				const reader = r.body!.getReader();
				const first = new TextDecoder().decode((await reader.read()).value);
				// A stream that broke at once would end here; one that lives keeps going past its first poll.
				const more = await Promise.race([
					reader.read().then((x) => (x.done ? 'ended' : 'data')),
					new Promise((res) => setTimeout(() => res('open'), 1500))
				]);
				controller.abort();
				return `${r.status} ${first.startsWith('retry:') ? 'retry' : first} ${more}`;
			},
			`/console/debtors/${a.debtors[0].id}/events?after=${encodeURIComponent(after)}`
		);
		expect(status, `after=${after}`).toBe('200 retry open');
	}
});

test('the offline page and static files carry the same security headers as the pages', async ({ page }) => {
	for (const path of ['/offline', '/manifest.webmanifest', '/favicon.svg', '/robots.txt']) {
		const r = await page.request.get(path);
		if (r.status() === 404) continue;
		const h = r.headers();
		expect(h['x-content-type-options'], path).toBe('nosniff');
		expect(h['referrer-policy'], path).toBe('no-referrer');
		expect(h['content-security-policy'], path).toBeTruthy();
	}
	const offline = await page.request.get('/offline');
	expect(offline.status()).toBe(200);
	expect(offline.headers()['content-security-policy']).toContain("default-src 'self'");
});
