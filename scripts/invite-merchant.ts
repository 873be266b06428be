// npm run invite:merchant -- <e-mail address>
// With SIGNUP=closed, prints a one-time sign-up link (valid 14 days) for a new merchant. Uses the same configuration
// as the server (DATABASE_URL, ORIGIN); with the embedded PGlite, stop the server first (one process at a time).
import { parseArgs } from 'node:util';
import { database } from '../src/lib/server/db/index.ts';
import { inviteMerchant } from '../src/lib/server/tenants/signup.ts';

const { positionals } = parseArgs({ allowPositionals: true });
if (positionals.length !== 1 || !/^[^@\s]+@[^@\s]+$/.test(positionals[0])) {
	console.error('usage: npm run invite:merchant -- <e-mail address>');
	process.exit(2);
}
const opened = await database();
const { link } = await inviteMerchant(opened.db, positionals[0]);
console.log(`Sign-up link for ${positionals[0]} (one use, 14 days):\n  ${link}`);
await opened.close();
