// npm run evidence:verify -- <pack.zip> [--head <hex>]
// Checks an evidence pack as an agency, a court or the debtor's adviser would: every file against its manifest, the
// hash chain entry by entry, and — with --head, the code Coulant recorded at hand-over — that it is that pack.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { verifyPack } from '../src/lib/server/handover/verify.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { head: { type: 'string' } } });
if (positionals.length !== 1) {
	console.error('usage: npm run evidence:verify -- <pack.zip> [--head <hex>]');
	process.exit(2);
}
const check = verifyPack(new Uint8Array(readFileSync(positionals[0])), values.head);
if (check.ok) {
	console.log(`evidence pack OK: ${check.entries} entries, head ${check.head}${values.head ? ' (matches --head)' : ''}`);
	if (!values.head) console.log('compare the head with the one Coulant shows for this hand-over, or pass it with --head');
} else {
	console.log(`evidence pack NOT OK (head ${check.head ?? 'unknown'}):`);
	for (const p of check.problems)
		console.log(`  ${'seq' in p && p.seq ? `entry ${p.seq}: ` : ''}${p.problem}${'detail' in p && p.detail ? ` (${p.detail})` : ''}`);
	process.exit(1);
}
