// Which open claim an incoming bank transfer pays, and how sure we are. Pure: the service gathers the facts.
//
// A transfer is SURE only when exactly one open claim's reference is in it (the payment reference, the structured
// creditor reference or the description) and the amount is exactly what is open on that claim. A sure match is
// therefore always one claim. Everything weaker waits for an agent, with the best candidates side by side:
// - `partial`: one claim's reference, but less than is open (never closes a claim by itself);
// - `more`: one claim's reference, but more than is open;
// - `unsure`: the reference fits several claims, or only the amount, the name or the account point somewhere.

export type Transfer = {
	amountCents: number;
	currency: string;
	endToEndId: string | null;
	creditorRef: string | null;
	remittance: string;
	payerName: string | null;
	payerIban: string | null;
};

export type OpenClaim = {
	id: string;
	debtorId: string;
	reference: string;
	/** What is still open on the claim. */
	openCents: number;
	currency: string;
	/** Ties go to the oldest claim: the one a debtor most likely pays first. */
	dueOn: string;
	debtorName: string;
	/** What is open on all of this debtor's claims in this currency. */
	debtorOpenCents: number;
	/** Accounts this debtor is known to pay from (a direct debit mandate, an earlier booked transfer). */
	debtorIbans: readonly string[];
};

export type Evidence = 'reference' | 'invoice_in_text' | 'amount_claim' | 'amount_debtor' | 'iban' | 'name';
export type Candidate = { claimId: string; score: number; evidence: Evidence[] };
export type Verdict =
	| { kind: 'sure'; claimId: string; candidates: Candidate[] }
	| { kind: 'partial' | 'more'; claimId: string; candidates: Candidate[] }
	| { kind: 'unsure'; candidates: Candidate[] }
	| { kind: 'none'; candidates: [] };

const WEIGHT: Record<Evidence, number> = {
	reference: 60,
	invoice_in_text: 50,
	amount_claim: 25,
	amount_debtor: 20,
	iban: 30,
	name: 20
};
/** A candidate needs more than a coinciding amount or name alone: two pieces, or a reference. */
const CANDIDATE_SCORE = 40;
const MAX_CANDIDATES = 5;
/** Shorter references ("12") turn up in any text by accident. */
const MIN_REFERENCE = 3;

const upper = (s: string | null) => (s ?? '').normalize('NFKC').toUpperCase();
const compact = (s: string) => s.replace(/[^A-Z0-9]/g, '');

/** The reference as a whole word of the text: "F-1" is in "factuur F-1," but not in "F-10". */
export function mentions(text: string, reference: string): boolean {
	const ref = upper(reference).trim();
	if (ref.length < MIN_REFERENCE) return false;
	const hay = upper(text);
	for (let at = hay.indexOf(ref); at >= 0; at = hay.indexOf(ref, at + 1)) {
		const before = hay[at - 1];
		const after = hay[at + ref.length];
		if ((!before || !/[A-Z0-9]/.test(before)) && (!after || !/[A-Z0-9]/.test(after))) return true;
	}
	return false;
}

/** An ISO 11649 creditor reference (RF + check digits + the reference) carries the reference without separators. */
function inCreditorRef(creditorRef: string, reference: string): boolean {
	const cref = compact(upper(creditorRef));
	const ref = compact(upper(reference));
	if (ref.length < MIN_REFERENCE) return false;
	return cref === ref || (/^RF\d{2}/.test(cref) && cref.slice(4) === ref);
}

const NAME_NOISE = new Set(['DHR', 'MEVR', 'MW', 'HR', 'FAM', 'VAN', 'DEN', 'DER', 'HET', 'TER', 'TEN', 'BV', 'EO', 'INZ', 'CJ']);
function nameWords(name: string): Set<string> {
	const plain = upper(name)
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/[^A-Z\s]/g, ' ');
	return new Set(plain.split(/\s+/).filter((w) => w.length >= 3 && !NAME_NOISE.has(w)));
}

/** The payer's name shares a real word (a surname, not an initial or "van") with the debtor's. */
export function sameName(payer: string | null, debtor: string): boolean {
	if (!payer) return false;
	const a = nameWords(payer);
	for (const w of nameWords(debtor)) if (a.has(w)) return true;
	return false;
}

const iban = (s: string | null) => compact(upper(s));

function evidenceFor(t: Transfer, c: OpenClaim): Evidence[] {
	const found: Evidence[] = [];
	if ((t.endToEndId && mentions(t.endToEndId, c.reference)) || (t.creditorRef && inCreditorRef(t.creditorRef, c.reference)))
		found.push('reference');
	if (mentions(t.remittance, c.reference)) found.push('invoice_in_text');
	if (t.amountCents === c.openCents) found.push('amount_claim');
	else if (t.amountCents === c.debtorOpenCents) found.push('amount_debtor');
	const payerIban = iban(t.payerIban);
	if (payerIban && c.debtorIbans.some((i) => iban(i) === payerIban)) found.push('iban');
	if (sameName(t.payerName, c.debtorName)) found.push('name');
	return found;
}

const byReference = (e: Evidence[]) => e.includes('reference') || e.includes('invoice_in_text');

const words = (s: string | null) =>
	upper(s)
		.split(/[^A-Z0-9]+/)
		.filter(Boolean);

/**
 * The open claims, indexed by the evidence that can bring a claim in, so a transfer is scored against the few claims
 * it could be for instead of all of them (a statement of thousands against tens of thousands of claims). It finds
 * exactly the claims a full scan would score: a name alone (20) never makes a candidate, so the amount, account and
 * reference keys already bring in every claim a name counts for, and common surnames are no key. Each run of letters and
 * digits in a reference is a whole word of any text that mentions it, so its longest run ("00042" of "F-2026-00042",
 * not the "F" every reference starts with) is its key.
 */
export class ClaimPool {
	private readonly byId = new Map<string, OpenClaim>();
	private readonly index = new Map<string, Set<string>>();
	/** References without a letter or digit ("---"): no word to find them by, so always looked at. */
	private readonly always = new Set<string>();

	constructor(claims: readonly OpenClaim[]) {
		for (const c of claims) this.add({ ...c });
	}

	private keysOf(c: OpenClaim): string[] {
		const keys = [`a:${c.openCents}`, `t:${c.debtorOpenCents}`, `c:${compact(upper(c.reference))}`];
		const rarest = words(c.reference).reduce((a, w) => (w.length >= a.length ? w : a), '');
		if (rarest) keys.push(`r:${rarest}`);
		for (const i of c.debtorIbans) keys.push(`i:${iban(i)}`);
		return keys;
	}

	private add(c: OpenClaim) {
		this.byId.set(c.id, c);
		if (!words(c.reference).length) this.always.add(c.id);
		for (const k of this.keysOf(c)) {
			let ids = this.index.get(k);
			if (!ids) this.index.set(k, (ids = new Set()));
			ids.add(c.id);
		}
	}

	private drop(c: OpenClaim) {
		this.byId.delete(c.id);
		this.always.delete(c.id);
		for (const k of this.keysOf(c)) this.index.get(k)?.delete(c.id);
	}

	/** A booked claim is no candidate any more, and what its debtor owes in all goes down by it. */
	remove(claimId: string) {
		const gone = this.byId.get(claimId);
		if (!gone) return;
		this.drop(gone);
		for (const c of [...this.byId.values()])
			if (c.debtorId === gone.debtorId && c.currency === gone.currency) {
				this.drop(c);
				this.add({ ...c, debtorOpenCents: c.debtorOpenCents - gone.openCents });
			}
	}

	candidatesFor(t: Transfer): OpenClaim[] {
		const keys = [`a:${t.amountCents}`, `t:${t.amountCents}`];
		for (const w of [...words(t.endToEndId), ...words(t.remittance)]) keys.push(`r:${w}`);
		if (t.creditorRef) {
			const cref = compact(upper(t.creditorRef));
			keys.push(`c:${cref}`, `c:${cref.slice(4)}`);
		}
		if (t.payerIban) keys.push(`i:${iban(t.payerIban)}`);
		const ids = new Set(this.always);
		for (const k of keys) for (const id of this.index.get(k) ?? []) ids.add(id);
		return [...ids].map((id) => this.byId.get(id)!);
	}
}

export function matchTransfer(t: Transfer, claims: readonly OpenClaim[] | ClaimPool): Verdict {
	if (t.amountCents <= 0) return { kind: 'none', candidates: [] };
	const scored = (claims instanceof ClaimPool ? claims.candidatesFor(t) : claims)
		.filter((c) => c.currency === t.currency && c.openCents > 0)
		.map((c) => {
			const evidence = evidenceFor(t, c);
			return { claimId: c.id, dueOn: c.dueOn, openCents: c.openCents, evidence, score: evidence.reduce((s, e) => s + WEIGHT[e], 0) };
		})
		.filter((c) => c.score >= CANDIDATE_SCORE)
		.sort((a, b) => b.score - a.score || a.dueOn.localeCompare(b.dueOn) || a.claimId.localeCompare(b.claimId));
	const candidates = scored.slice(0, MAX_CANDIDATES).map(({ claimId, score, evidence }) => ({ claimId, score, evidence }));
	if (!candidates.length) return { kind: 'none', candidates: [] };
	const referenced = scored.filter((c) => byReference(c.evidence));
	if (referenced.length === 1) {
		const [only] = referenced;
		const kind = t.amountCents === only.openCents ? 'sure' : t.amountCents < only.openCents ? 'partial' : 'more';
		return { kind, claimId: only.claimId, candidates };
	}
	return { kind: 'unsure', candidates };
}
