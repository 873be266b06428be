// One sender process on its own: sends what is due in the outbox over SMTP, then exits. The kill test and
// bench:outreach start it, kill it with SIGKILL in the middle, and start it again.
//   DATABASE_URL=postgres://… SMTP_URL=smtp://… node --import tsx scripts/outreach-sender.ts
import { openPostgres } from '../src/lib/server/db/client';
import { sendDue } from '../src/lib/server/outreach/send';
import { smtpTransport } from '../src/lib/server/outreach/transport';

const env = process.env;
const database = await openPostgres(env.DATABASE_URL!, { max: 4 });
const transport = smtpTransport(env.SMTP_URL!, { maxConnections: Number(env.SMTP_CONNECTIONS ?? 5) });
const result = await sendDue(database.db, {
	transport,
	origin: env.ORIGIN ?? 'http://localhost:3000',
	mailFrom: env.MAIL_FROM ?? 'berichten@coulant.localhost',
	linkTtlDays: 30,
	batch: Number(env.SEND_BATCH ?? 100),
	concurrency: Number(env.SEND_CONCURRENCY ?? 10),
	// A restart after a kill takes up what the dead process had claimed at once (in production: after 5 minutes).
	staleMs: Number(env.STALE_MS ?? 300_000)
});
console.log(JSON.stringify(result));
transport.close();
await database.close();
