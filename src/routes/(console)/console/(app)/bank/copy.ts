// The bank page's words for problems, decisions and evidence, from the codes the server returns.
import { m } from '$lib/paraglide/messages';
import type { Evidence } from '$lib/domain/bank/match';

export function problemText(problem: string, info: { date?: string; detail?: string }) {
	switch (problem) {
		case 'duplicate_file':
			return m.bank_problem_duplicate_file({ date: info.date ?? '' });
		case 'not_xml':
			return m.bank_problem_not_xml();
		case 'camt052':
			return m.bank_problem_camt052();
		case 'camt054':
			return m.bank_problem_camt054();
		case 'empty':
			return m.bank_problem_empty();
		case 'too_many':
			return m.bank_problem_too_many();
		case 'bad_entry':
			return m.bank_problem_bad_entry({ detail: info.detail ?? '' });
		case 'upload':
			return m.bank_problem_upload();
		default:
			return m.bank_problem_not_statement();
	}
}

export const DECIDED: Record<string, () => string> = {
	booked: m.bank_decided_booked,
	part_booked: m.bank_decided_part_booked,
	dismissed: m.bank_decided_dismissed,
	not_open: m.bank_decided_not_open,
	has_plan: m.bank_decided_has_plan,
	gone: m.bank_decided_gone
};

export const VERDICT: Record<string, () => string> = {
	partial: m.bank_verdict_partial,
	more: m.bank_verdict_more,
	unsure: m.bank_verdict_unsure
};

const EVIDENCE: Record<Evidence, () => string> = {
	reference: m.bank_evidence_reference,
	invoice_in_text: m.bank_evidence_invoice_in_text,
	amount_claim: m.bank_evidence_amount_claim,
	amount_debtor: m.bank_evidence_amount_debtor,
	iban: m.bank_evidence_iban,
	name: m.bank_evidence_name
};
export const evidenceText = (e: Evidence[]) => m.bank_evidence({ evidence: e.map((x) => EVIDENCE[x]()).join(', ') });
