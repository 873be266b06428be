// The interactive video on a phone: chapters and choices are real controls over the <video>, timed from the
// video's own script, usable by keyboard; each tap lands on the timeline; without JavaScript they are absent.
import { expect, test } from '@playwright/test';
import { and, eq, inArray } from 'drizzle-orm';
import { timelineEvents } from '../../src/lib/server/db/schema';
import { withDb } from './fixtures';

// The fixture video and the publishing, as in video.spec.ts.
import { debtor } from './video-debtor';

const taps = (debtorId: string) =>
	withDb((db) =>
		db
			.select({ type: timelineEvents.type, payload: timelineEvents.payload })
			.from(timelineEvents)
			.where(and(eq(timelineEvents.debtorId, debtorId), inArray(timelineEvents.type, ['video.chapter', 'video.choice'])))
	);

test('a chapter jumps to the options, a choice lands on its step, and both are on the timeline', async ({ page }) => {
	const { path, debtorId } = await debtor(true);
	await page.goto(path);
	const chapters = page.getByRole('list', { name: 'Hoofdstukken van de video' });
	await expect(chapters).toBeVisible();
	// Keyboard: focus the chapter and press Enter.
	await chapters.getByRole('button', { name: 'Wat kun je doen?' }).focus();
	await page.keyboard.press('Enter');
	const choices = page.getByRole('group', { name: 'Kies wat je wilt doen' });
	await expect(choices).toBeVisible();
	await expect(choices.getByRole('link')).toHaveText(['Nu betalen', 'Betalen in termijnen', 'Meer tijd']);
	await choices.getByRole('link', { name: 'Betalen in termijnen' }).click();
	await expect(page).toHaveURL(/\/plan$/);
	await expect
		.poll(async () => (await taps(debtorId)).map((e) => `${e.type}:${e.payload.scene ?? e.payload.choice}`).sort(), { timeout: 10_000 })
		.toEqual(['video.chapter:options', 'video.choice:plan']);
});

test("without JavaScript the controls are absent and the page's own buttons remain", async ({ browser }) => {
	const { path } = await debtor(true);
	const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
	const page = await context.newPage();
	await page.goto(path);
	await expect(page.locator('video')).toBeVisible();
	await expect(page.getByRole('list', { name: 'Hoofdstukken van de video' })).toBeHidden();
	await expect(page.getByRole('group', { name: 'Kies wat je wilt doen' })).toBeHidden();
	await expect(page.getByTestId('pay')).toBeVisible();
	await context.close();
});
