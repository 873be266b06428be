// The evidence pack as a ZIP: evidence.json for machines (the hash chain), summary.pdf for people, and
// manifest.json with each file's SHA-256 and the chain's head (verify.ts checks all three).
import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { strToU8, zipSync } from 'fflate';
import PDFDocument from 'pdfkit';
import { formatDay, formatMoment } from '../../domain/format';
import { formatMoney } from '../../domain/money';
import { m } from '../../paraglide/messages';
import { fontFiles } from '../letters/pdf';
import type { Evidence } from './evidence';
import type { Manifest } from './verify';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The people's page(s): who, what, when, the messages and their proof, and the head to check the pack against. */
export async function summaryPdf(e: Evidence, locale: 'nl' | 'en'): Promise<Uint8Array> {
	const s = e.summary;
	const o = { locale };
	const money = (cents: number) => formatMoney({ amountCents: cents, currency: 'EUR' }, locale);
	const fonts = fontFiles(locale);
	const doc = new PDFDocument({
		size: 'A4',
		margin: 56,
		info: { Title: m.handover_pdf_title({}, o), Author: 'Coulant' },
		pdfVersion: '1.7'
	});
	const out = new PassThrough();
	const chunks: Buffer[] = [];
	out.on('data', (c: Buffer) => chunks.push(c));
	const done = new Promise<void>((resolve, reject) => (out.on('end', resolve), out.on('error', reject)));
	doc.pipe(out);
	doc.registerFont('regular', fonts.regular).registerFont('bold', fonts.bold);
	const heading = (text: string) => doc.moveDown(0.8).font('bold').fontSize(12).text(text).moveDown(0.2).font('regular').fontSize(10);
	const line = (label: string, value: string) => doc.font('bold').text(`${label}: `, { continued: true }).font('regular').text(value);

	doc.font('bold').fontSize(16).text(m.handover_pdf_title({}, o));
	doc
		.font('regular')
		.fontSize(10)
		.moveDown(0.3)
		.text(m.handover_pdf_intro({ merchant: s.merchant.name, agency: s.handover.agency.name }, o));
	heading(m.handover_pdf_who({}, o));
	line(m.handover_pdf_debtor({}, o), `${s.debtor.name} (${s.debtor.customerRef})`);
	// Street, postcode, city and country; a country alone (the default) is no address.
	const address = s.debtor.address.slice(0, 3).some(Boolean) ? s.debtor.address.filter(Boolean).join(', ') : '';
	if (address) line(m.handover_pdf_address({}, o), address);
	if (s.debtor.email) line(m.handover_pdf_email({}, o), s.debtor.email);
	if (s.debtor.phone) line(m.handover_pdf_phone({}, o), s.debtor.phone);
	line(m.handover_pdf_agency({}, o), s.handover.agency.name);
	line(m.handover_pdf_when({}, o), formatMoment(s.handover.handedOverAt, locale, 'dateTime'));
	line(m.handover_pdf_reason({}, o), s.handover.reason === 'journey_ended' ? m.handover_why_journey_ended({}, o) : s.handover.reason);

	heading(m.handover_pdf_claims({}, o));
	for (const c of s.handedOver) doc.text(`${c.reference}  ${money(c.openCents)}`);
	doc
		.font('bold')
		.text(`${m.handover_pdf_total({}, o)}  ${money(s.handedOver.reduce((t, c) => t + c.openCents, 0))}`)
		.font('regular');

	heading(m.handover_pdf_fourteen_day({}, o));
	doc.text(
		s.fourteenDay?.sentAt
			? m.handover_pdf_fourteen_day_sent(
					{
						sent: formatMoment(s.fourteenDay.sentAt, locale, 'date'),
						ends: s.fourteenDay.termEndsOn ? formatDay(s.fourteenDay.termEndsOn, locale) : '—'
					},
					o
				)
			: m.handover_pdf_fourteen_day_none({}, o)
	);

	heading(m.handover_pdf_messages({}, o));
	const messages = e.entries.filter((x) => x.type === 'message').map((x) => x.data as Record<string, string | null>);
	if (messages.length === 0) doc.text(m.handover_pdf_none({}, o));
	for (const msg of messages) {
		const when = msg.sentAt ?? msg.createdAt;
		doc.text(`${when ? formatMoment(when, locale, 'dateTime') : '—'} · ${msg.channel} · ${msg.status} · ${msg.subject}`, { width: 480 });
	}
	const outcomes = e.entries.filter((x) => x.type === 'plan' || x.type === 'promise' || x.type === 'debtor_message');
	if (outcomes.length > 0) {
		heading(m.handover_pdf_agreements({}, o));
		for (const x of outcomes) {
			const d = x.data as Record<string, string | number | null>;
			if (x.type === 'plan')
				doc.text(m.handover_pdf_plan({ status: String(d.status), terms: String(d.terms), total: money(Number(d.totalCents)) }, o));
			else if (x.type === 'promise')
				doc.text(m.handover_pdf_promise({ status: String(d.status), date: formatDay(String(d.promisedOn), locale) }, o));
			else doc.text(m.handover_pdf_dispute({ kind: String(d.kind), status: String(d.status) }, o));
		}
	}
	heading(m.handover_pdf_proof({}, o));
	doc.text(m.handover_pdf_proof_body({ count: String(e.entries.length) }, o));
	doc.moveDown(0.3).font('bold').fontSize(9).text(e.head, { characterSpacing: 0.3 });
	doc.end();
	await done;
	return new Uint8Array(Buffer.concat(chunks));
}

export async function buildPack(e: Evidence, locale: 'nl' | 'en'): Promise<{ zip: Uint8Array; sha256: string }> {
	const json = strToU8(JSON.stringify(e, null, 2));
	const pdf = await summaryPdf(e, locale);
	const manifest: Manifest = {
		format: 'coulant-evidence/1',
		handoverId: e.summary.handover.id,
		head: e.head,
		files: { 'evidence.json': sha256(json), 'summary.pdf': sha256(pdf) }
	};
	// A fixed file time keeps the same pack byte-for-byte the same.
	const mtime = new Date(e.summary.handover.handedOverAt);
	const zip = zipSync(
		{
			'manifest.json': [strToU8(JSON.stringify(manifest, null, 2)), { mtime }],
			'evidence.json': [json, { mtime }],
			'summary.pdf': [pdf, { mtime, level: 0 }]
		},
		{ level: 6 }
	);
	return { zip, sha256: sha256(zip) };
}
