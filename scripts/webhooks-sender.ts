// One webhook sender process on its own: follows the timeline, sends what is due, then exits. The kill test starts
// it, kills it with SIGKILL in the middle, and starts it again.
//   DATABASE_URL=postgres://… WEBHOOKS_ALLOW_LOOPBACK=1 node --import tsx scripts/webhooks-sender.ts
import { openPostgres } from '../src/lib/server/db/client';
import { deliver } from '../src/lib/server/webhooks/deliver';
import { follow } from '../src/lib/server/webhooks/follow';

const env = process.env;
const database = await openPostgres(env.DATABASE_URL!, { max: 4 });
await follow(database.db);
const result = await deliver(database.db, {
	allowLoopback: env.WEBHOOKS_ALLOW_LOOPBACK === '1',
	concurrency: Number(env.SEND_CONCURRENCY ?? 8),
	batch: Number(env.SEND_BATCH ?? 50),
	// A row the process took stays its own this long; after a kill the next process takes it up then.
	leaseMs: Number(env.LEASE_MS ?? 40_000)
});
console.log(JSON.stringify({ ...result, disabled: result.disabled.length }));
await database.close();
