// What the server does once when it starts: database ready, the Mollie stand-in if no key, demo data and links.
import { config, mailDomain } from './config';
import { database } from './db';
import { ensureDemoHandover } from './demo/handover';
import { replayDemoOutreach } from './demo/outreach';
import { seedDemo, seedDemoOwner } from './demo/seed';
import { installStandin, uninstallStandin } from './mollie-standin/install';
import { startJobs } from './jobs';
import { channelsFor, whyNotSending, closeTransport } from './outreach/service';
import { ensureDemoPlan } from './demo/plan';
import { vapidKeys } from './push/keys';
import { startQueue } from './queue';
import { startSms, stopSms } from './sms/service';
import { onShutdown } from './shutdown';
import { registerVideoJobs, stopVideoJobs } from './video/jobs';
import { ensureMediaKey } from './video/names';
import { currentRing } from './sealing';
import { sealStoredSecrets } from './webhooks/endpoints';

export async function start(log: (line: string) => void = console.log) {
	const c = config();
	const opened = await database();
	const { db, kind } = opened;
	log(`Coulant: database ready (${kind === 'pglite' ? `PGlite in ${c.pgliteDir}` : 'PostgreSQL'})`);
	if (!c.mollieApiKey && !c.mollieStandin) {
		throw new Error(
			'Coulant cannot start: set MOLLIE_API_KEY (test_… or live_…), or MOLLIE_STANDIN=1 to use the local Mollie stand-in (never in production).'
		);
	}
	if (c.mollieStandin) {
		let offsetMs = 0;
		installStandin({ db, origin: c.origin, now: () => new Date(Date.now() + offsetMs), advance: (ms) => (offsetMs += ms) });
		log(`Coulant: payments go to the local Mollie stand-in (set MOLLIE_API_KEY for Mollie itself)`);
	}
	await ensureMediaKey(db);
	// Secrets at rest: the keyring is read (or, for the demo, made and kept) before anything is sealed or opened.
	currentRing();
	if (!c.secretsKey) {
		const where = `kept in ${c.secretsKeyFile}`;
		log(
			c.demo
				? `Coulant: secrets are sealed with a local key ${where}`
				: `Coulant: SECRETS_KEY is not set — secrets are sealed with a key ${where}, next to the data; set SECRETS_KEY`
		);
	}
	const sealed = await sealStoredSecrets(db);
	if (sealed) log(`Coulant: sealed the signing secrets of ${sealed} webhook endpoints`);
	// The VAPID key pair exists from the first start on (made and kept in the database unless configured), so the
	// first phone that subscribes and every process after it use the same one. The key itself is never logged.
	await vapidKeys(db, c);
	if (await startSms(db, c)) log('Coulant: text messages go to the local CM.com stand-in (set CM_PRODUCT_TOKEN for CM.com itself)');
	const queue = await startQueue(opened);
	// On SIGINT/SIGTERM: the queue and renders stop at once, the rest once the HTTP server has closed, and
	// everything — Chromium and ffmpeg included — is gone within SHUTDOWN_BOUND_MS (see shutdown.ts).
	onShutdown(
		{
			stopWork: async () => {
				await Promise.all([queue.stop({ graceful: true, timeout: 5_000 }).catch(() => {}), stopVideoJobs()]);
			},
			release: async () => {
				closeTransport();
				await stopSms();
				uninstallStandin();
				await opened.close().catch(() => {});
			}
		},
		log
	);
	const work = c.role !== 'web';
	const noMail = whyNotSending(c);
	if (noMail) log(`Coulant: reminder journeys are off — ${noMail}`);
	else if (c.mail.transport === 'local')
		log('Coulant: e-mail goes to the local outbox (console → Verzonden berichten); nothing is sent to the internet');
	await startJobs(queue, db, { work });
	await registerVideoJobs(queue, db, log, { work });
	if (c.role === 'worker') {
		log('Coulant: worker — running background jobs and video renders');
		return;
	}
	if (!c.demo) return;
	const demo = await seedDemo(db, c.linkTtlDays);
	// Demo mode only: these are throw-away demo debtors, printed so a newcomer can open them.
	log('Coulant demo: personal links for the demo debtors');
	for (const d of demo) log(`  ${d.name.padEnd(36)} ${c.origin}/d/${d.token}   (${d.situation})`);
	if (c.mollieStandin)
		for (const d of demo.filter((x) => x.plan)) {
			// The demo's plan is a nicety: a start never fails for it.
			await ensureDemoPlan(db, d.token, c.origin).catch((e: unknown) => log(`Coulant demo: no payment plan for ${d.name} (${String(e)})`));
		}
	if (c.mail.transport === 'local') {
		const sent = await replayDemoOutreach(db, {
			origin: c.origin,
			mailDomain: mailDomain(c),
			from: c.mail.from,
			linkTtlDays: c.linkTtlDays,
			channels: channelsFor(c)
		});
		if (sent) log(`Coulant demo: ${sent} messages of the demo debtors' last weeks are in the local outbox (console → Verzonden berichten)`);
	}
	if (await ensureDemoHandover(db)) log('Coulant demo: a hand-over to Incasso Noord waits for a decision (console → Overdracht)');
	const owner = await seedDemoOwner(db);
	log(`Coulant demo: merchant console at ${c.origin}/console`);
	log(`  e-mail      ${owner.email}`);
	log(`  password    ${owner.password}`);
}
