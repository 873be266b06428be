// Checks an evidence pack: each file against the manifest, the chain link by link, the summary against the chain's
// first entry, and the head against the one Coulant recorded at hand-over (console, API header, timeline), if given.
// Imports nothing of the app but the chain, so `npm run evidence:verify` runs anywhere.
import { createHash } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { canonical, verifyChain, type ChainEntry, type ChainProblem } from './chain';

export type Manifest = { format: 'coulant-evidence/1'; handoverId: string; head: string; files: Record<string, string> };
type Evidence = { summary: unknown; entries: ChainEntry[]; head: string };

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export type PackCheck =
	| { ok: true; head: string; entries: number }
	| {
			ok: false;
			head: string | null;
			problems: (ChainProblem | { problem: 'not_a_pack' | 'file_changed' | 'summary_changed' | 'head_differs'; detail?: string })[];
	  };

/** Checks a pack: each file against the manifest, the chain link by link, and the head against `expectedHead` if given. */
export function verifyPack(zip: Uint8Array, expectedHead?: string): PackCheck {
	let files: Record<string, Uint8Array>;
	let manifest: Manifest;
	let evidence: Evidence;
	try {
		files = unzipSync(zip);
		manifest = JSON.parse(strFromU8(files['manifest.json']));
		evidence = JSON.parse(strFromU8(files['evidence.json']));
		if (manifest.format !== 'coulant-evidence/1' || !Array.isArray(evidence.entries)) throw new Error('format');
	} catch {
		return { ok: false, head: null, problems: [{ problem: 'not_a_pack' }] };
	}
	const problems: Extract<PackCheck, { ok: false }>['problems'] = [];
	for (const [name, hash] of Object.entries(manifest.files)) {
		if (!files[name] || sha256(files[name]) !== hash) problems.push({ problem: 'file_changed', detail: name });
	}
	problems.push(...verifyChain(manifest.handoverId, evidence.entries, manifest.head));
	if (evidence.head !== manifest.head) problems.push({ seq: null, problem: 'head_mismatch' });
	if (canonical(evidence.summary) !== canonical(evidence.entries[0]?.data)) problems.push({ problem: 'summary_changed' });
	if (expectedHead && expectedHead !== manifest.head) problems.push({ problem: 'head_differs', detail: expectedHead });
	return problems.length === 0
		? { ok: true, head: manifest.head, entries: evidence.entries.length }
		: { ok: false, head: manifest.head, problems };
}
