// How a debtor wants to hear from us, on their phone: the channel choice as a plain form (JavaScript off), the
// offer of push after that choice (never on arrival) and the small script that subscribes and posts it, the
// subscription endpoint refusing what is not one, and the service worker showing a push and opening the page it
// names — the push delivered through the Chrome DevTools Protocol, as a push service would.
import { createECDH, randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { debtors, pushSubscriptions, timelineEvents } from '../../src/lib/server/db/schema';
import { tenant, withDb } from './fixtures';

const PHONE = '+31612345678';

async function debtor(name: string, tone: 'friendly' | 'formal' = 'friendly', locale = 'nl') {
	const email = `${name.split(' ')[0].toLowerCase()}@example.nl`;
	const shop = await tenant(`Fietsenwinkel ${name}`, [name], { tone }, { debtor: { email, phone: PHONE, locale } });
	return shop.debtors[0];
}

function browserSubscription() {
	const ecdh = createECDH('prime256v1');
	ecdh.generateKeys();
	return {
		endpoint: `https://fcm.googleapis.com/fcm/send/e2e-${randomBytes(6).toString('hex')}`,
		expirationTime: null,
		keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') }
	};
}

/** A phone whose pushManager gives what Chrome's would (the browser's push service is out of reach here). */
async function phoneWithPush(browser: Browser, baseURL: string, locale: string, subscription: ReturnType<typeof browserSubscription>) {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: locale === 'en' ? 'en-GB' : 'nl-NL' });
	await context.grantPermissions(['notifications'], { origin: baseURL });
	await context.addInitScript((s) => {
		const p = (globalThis as unknown as { PushManager?: { prototype: Record<string, unknown> } }).PushManager;
		if (!p) return;
		p.prototype.getSubscription = async () => null;
		p.prototype.subscribe = async () => ({ ...s, toJSON: () => s });
	}, subscription);
	return context;
}

/** The part of a service worker's global scope the test reaches into (this file is typed for pages, not workers). */
type SwScope = {
	registration: { getNotifications(): Promise<{ title: string; body: string; tag: string; data: unknown }[]> };
	clients: unknown;
	dispatchEvent(e: Event): boolean;
	opened?: string;
};

async function shoot(page: Page, name: string) {
	if (!process.env.PUSH_SCREENSHOTS) return;
	await page.screenshot({ path: `${process.env.PUSH_SCREENSHOTS}/${name}.png`, fullPage: true });
}

test('the debtor chooses how to hear from us with a plain form, without JavaScript, and no push is offered', async ({ browser }) => {
	const d = await debtor('Sanne de Vries');
	const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, locale: 'nl-NL' });
	const page = await context.newPage();
	await page.goto(`${d.link}/reach`);
	const card = page.getByTestId('channel-choice');
	await expect(card.getByRole('heading', { name: 'Hoe wil je van ons horen?' })).toBeVisible();
	await expect(card.getByLabel('E-mail naar sanne@example.nl')).toBeChecked();
	await expect(card).toContainText('De laatste brief voordat er kosten bij komen, sturen we nooit per sms.');
	await expect(page.getByTestId('push-offer')).toHaveCount(0);
	await shoot(page, 'reach-nl');
	await card.getByLabel(`Sms naar ${PHONE}`).check();
	await card.getByRole('button', { name: 'Keuze opslaan' }).click();
	await expect(page.getByTestId('channel-saved')).toHaveText('Dat is bewaard. Je krijgt onze berichten nu per sms.');
	await expect(page.getByTestId('reach')).toContainText(
		'Lukt het niet op de manier die je koos, dan sturen we herinneringen naar sanne@example.nl.'
	);
	await expect(page.getByTestId('channel-choice').getByLabel(`Sms naar ${PHONE}`)).toBeChecked();
	// The offer is in the page, but stays hidden: without JavaScript there is nothing it could do.
	await expect(page.getByTestId('push-offer')).toBeHidden();
	await shoot(page, 'reach-nl-saved-nojs');
	const stored = await withDb(async (db) => {
		const [row] = await db.select({ p: debtors.preferredChannel }).from(debtors).where(eq(debtors.id, d.id));
		const events = await db.select().from(timelineEvents).where(eq(timelineEvents.debtorId, d.id));
		return { preferred: row.p, chosen: events.filter((e) => e.type === 'outreach.channel_chosen').map((e) => e.payload) };
	});
	expect(stored).toEqual({ preferred: 'sms', chosen: [{ from: null, to: 'sms', via: 'page' }] });
	await context.close();
});

for (const [locale, name, tone] of [
	['nl', 'Emma Visser', 'formal'],
	['en', 'Emma Smith', 'friendly']
] as const) {
	test(`after the choice the phone offers push (${locale}, ${tone}): the script asks, subscribes and posts it; push can be turned off again`, async ({
		browser,
		baseURL
	}) => {
		const d = await debtor(name, tone, locale);
		const subscription = browserSubscription();
		const context = await phoneWithPush(browser, baseURL!, locale, subscription);
		const page = await context.newPage();
		await page.goto(`${d.link}/reach`);
		await expect(page.getByTestId('push-offer')).toHaveCount(0);
		const card = page.getByTestId('channel-choice');
		await card.getByRole('radio').first().check();
		await card.getByRole('button').click();
		const offer = page.getByTestId('push-offer');
		await expect(offer).toBeVisible();
		await shoot(page, `reach-offer-${locale}`);
		const serious = await new AxeBuilder({ page })
			.analyze()
			.then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id));
		expect(serious).toEqual([]);
		await offer.getByRole('button').click();
		await expect(offer.locator('[data-push-status]')).not.toBeEmpty();
		await shoot(page, `reach-offer-done-${locale}`);
		const stored = await withDb((db) =>
			db.select({ endpoint: pushSubscriptions.endpoint }).from(pushSubscriptions).where(eq(pushSubscriptions.debtorId, d.id))
		);
		expect(stored).toEqual([{ endpoint: subscription.endpoint }]);
		// Back on the page: push is on, and a plain form turns it off.
		await page.goto(`${d.link}/reach`);
		const on = page.getByTestId('push-on');
		await expect(on).toBeVisible();
		await shoot(page, `reach-push-on-${locale}`);
		await on.getByRole('button').click();
		await expect(page.getByTestId('push-stopped')).toBeVisible();
		const left = await withDb((db) => db.select().from(pushSubscriptions).where(eq(pushSubscriptions.debtorId, d.id)));
		expect(left).toEqual([]);
		await context.close();
	});
}

test('after sending a message the page offers a push for the answer', async ({ browser, baseURL }) => {
	const d = await debtor('Fleur Smit');
	const context = await phoneWithPush(browser, baseURL!, 'nl', browserSubscription());
	const page = await context.newPage();
	await page.goto(`${d.link}/message?kind=question`);
	await expect(page.getByTestId('push-offer')).toHaveCount(0);
	await page.getByLabel('Je bericht').fill('Kan ik de termijn een week later betalen?');
	await page.getByRole('button', { name: 'Verstuur bericht' }).click();
	await expect(page.getByTestId('message-sent')).toBeVisible();
	const offer = page.getByTestId('push-offer');
	await expect(offer).toBeVisible();
	await shoot(page, 'message-offer-nl');
	await offer.getByRole('button', { name: 'Ja, stuur mij meldingen' }).click();
	await expect(offer.getByRole('status')).toHaveText('Gelukt. Je krijgt meldingen op deze telefoon.');
	await expect(offer.getByRole('button')).toBeHidden();
	await context.close();
});

test('right after a promise the overview offers push once; a reload, like an arrival, offers nothing', async ({ browser, baseURL }) => {
	const d = await debtor('Daan Mulder');
	const context = await phoneWithPush(browser, baseURL!, 'nl', browserSubscription());
	const page = await context.newPage();
	await page.goto(d.link);
	await expect(page.getByTestId('push-offer')).toHaveCount(0);
	await page.getByLabel('Ik betaal uiterlijk op').fill(new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10));
	await page.getByRole('button', { name: 'Meer tijd aanvragen' }).click();
	await expect(page.getByTestId('push-offer')).toBeVisible();
	await shoot(page, 'overview-offer-nl');
	await page.reload();
	await expect(page.getByTestId('push-offer')).toHaveCount(0);
	await context.close();
});

test('the subscription endpoint refuses what is not a subscription with a clear 400, and other sites with a 403', async ({ request }) => {
	const d = await debtor('Noor Bakker');
	const sameSite = { 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' };
	const post = (data: string, headers: Record<string, string> = sameSite, path = `${d.link}/push`) =>
		request.post(path, { data: Buffer.from(data), headers });
	const cases: [string, number, string][] = [
		['not json', 400, 'the body is not JSON'],
		['"a string"', 400, 'send the subscription as a JSON object'],
		['{}', 400, 'endpoint is missing'],
		[JSON.stringify({ endpoint: 'https://fcm.googleapis.com/fcm/send/x' }), 400, 'keys are missing'],
		[
			JSON.stringify({ ...browserSubscription(), endpoint: 'https://169.254.169.254/latest' }),
			400,
			"endpoint must be a browser push service's URL"
		],
		[JSON.stringify({ ...browserSubscription(), keys: { p256dh: 'short', auth: 'x' } }), 400, 'keys.p256dh must be 65 bytes'],
		['x'.repeat(5000), 400, 'the subscription is too large']
	];
	for (const [body, status, message] of cases) {
		const res = await post(body);
		expect(res.status(), body.slice(0, 40)).toBe(status);
		expect((await res.json()).message).toBe(message);
	}
	expect((await post(JSON.stringify(browserSubscription()), { ...sameSite, origin: 'https://evil.example' })).status()).toBe(403);
	expect((await post('a=b', { 'sec-fetch-site': 'same-origin', 'content-type': 'text/plain' })).status()).toBe(415);
	expect((await post(JSON.stringify(browserSubscription()), sameSite, '/d/not-a-real-token/push')).status()).toBe(404);
	expect((await post(JSON.stringify(browserSubscription()))).status()).toBe(201);
});

test('the service worker shows a pushed reminder and opens the page it names on a tap', async ({ page, context, baseURL }) => {
	const d = await debtor('Lars de Boer');
	await context.grantPermissions(['notifications'], { origin: baseURL! });
	await page.goto(d.link);
	await page.evaluate(async () => navigator.serviceWorker.ready);
	const cdp = await context.newCDPSession(page);
	const registrationId = new Promise<string>((resolve) =>
		cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
			const r = registrations.find((x) => x.scopeURL === `${baseURL}/` && !x.isDeleted);
			if (r) resolve(r.registrationId);
		})
	);
	await cdp.send('ServiceWorker.enable');
	const url = `${baseURL}${d.link}/reach`;
	const payload = {
		title: 'Vandaag: termijn 2',
		body: 'Termijn 2 van je regeling is vandaag. Tik om te betalen.',
		url,
		tag: 'instalment_due'
	};
	await cdp.send('ServiceWorker.deliverPushMessage', {
		origin: baseURL!,
		registrationId: await registrationId,
		data: JSON.stringify(payload)
	});
	// Something that is not our payload shows nothing.
	await cdp.send('ServiceWorker.deliverPushMessage', { origin: baseURL!, registrationId: await registrationId, data: '{"title":1}' });

	const [worker] = context.serviceWorkers();
	expect(worker).toBeTruthy();
	await expect
		.poll(() =>
			worker.evaluate(async () =>
				(await (self as unknown as SwScope).registration.getNotifications()).map((n) => ({
					title: n.title,
					body: n.body,
					tag: n.tag,
					data: n.data
				}))
			)
		)
		.toEqual([{ title: payload.title, body: payload.body, tag: 'instalment_due', data: { url } }]);

	// A tap: the worker's notificationclick with the shown notification. Opening a window needs a real tap, which
	// no protocol can give, so the test notes where the worker would go instead.
	const opened = await worker.evaluate(async () => {
		const sw = self as unknown as SwScope;
		const clients = sw.clients as unknown as { openWindow: (u: string) => Promise<null>; matchAll: () => Promise<never[]> };
		clients.openWindow = async (u: string) => {
			sw.opened = u;
			return null;
		};
		clients.matchAll = async () => [];
		const [notification] = await sw.registration.getNotifications();
		const NotificationEvent = (globalThis as unknown as { NotificationEvent: new (type: string, init: object) => Event }).NotificationEvent;
		sw.dispatchEvent(new NotificationEvent('notificationclick', { notification }));
		await new Promise((r) => setTimeout(r, 200));
		return { url: sw.opened, left: (await sw.registration.getNotifications()).length };
	});
	expect(opened).toEqual({ url, left: 0 });
});
