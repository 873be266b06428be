// Letters as PDF with pdfkit: A4, the address in a left window envelope (NEN/DIN: 20 mm from the left, 50 mm from the
// top, 90 × 45 mm), the merchant's letterhead, the words of the e-mail, a QR code that opens the debtor's page, the
// claims and the merchant's contact details. Many letters go into one document (the print file), page after page,
// written to a stream as they come: fonts and logos are embedded once per document, pages are flushed as they fill.
import { formatHours } from '../../domain/hours';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { contrastRatio } from '../../domain/contrast';
import type { MailContent } from '../outreach/mail';
import { rtlHeight, rtlText } from './rtl';

/** The e-mail's own content (the same words), and what only paper has. */
export type LetterContent = MailContent & {
	/** The outbox message this letter is. */
	id: string;
	locale: string;
	brand: {
		displayName: string;
		brandColor: string;
		contactEmail: string | null;
		contactPhone: string | null;
		contactHours: string | null;
		website: string | null;
	};
	/** PNG or JPEG bytes; other logo types are left out (pdfkit draws only these). */
	logo: { key: string; bytes: Uint8Array } | null;
	address: string[];
	dateLabel: string;
	date: string;
	/** The personal link the QR code opens, what it is for, and how to use it. */
	link: string;
	scan: string;
	/** The header of a letter's second and later pages: its name and the page number in its language. */
	continued: (page: number) => string;
};

const MM = 72 / 25.4;
const A4 = { width: 210 * MM, height: 297 * MM };
/** The left window of a C5/DL window envelope (NEN 1026 / DIN 676 type A). */
export const WINDOW = { x: 20 * MM, y: 50 * MM, width: 90 * MM, height: 45 * MM };
const LEFT = 25 * MM;
const RIGHT = 20 * MM;
const TEXT_WIDTH = A4.width - LEFT - RIGHT;
const BOTTOM = 20 * MM;
const INK = '#14181c';
const QUIET = '#4f5861';

const require = createRequire(import.meta.url);

/** Fonts: Inter (Debian's fonts-inter, else @fontsource/inter's Latin files); Arabic needs a font with Arabic glyphs. */
export function fontFiles(locale: string): { regular: string; bold: string } {
	const pick = (...paths: string[]) => paths.find((p) => existsSync(p));
	if (locale === 'ar') {
		// DejaVu Sans carries Arabic and Latin in one font (names and references are Latin); fontkit shapes the
		// Arabic and orders each line right to left. Noto Sans Arabic (Arabic only) when DejaVu is missing.
		const noto = (w: number) => require.resolve(`@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-${w}-normal.woff`);
		return {
			regular: pick('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf') ?? noto(400),
			bold: pick('/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf') ?? noto(700)
		};
	}
	const fontsource = (w: number) => require.resolve(`@fontsource/inter/files/inter-latin-${w}-normal.woff`);
	return {
		regular: pick('/usr/share/fonts/opentype/inter/Inter-Regular.otf') ?? fontsource(400),
		bold: pick('/usr/share/fonts/opentype/inter/Inter-Bold.otf') ?? fontsource(700)
	};
}

/** The brand colour for text on white: itself when it reads well enough, else the ink colour. */
const onWhite = (colour: string) => (contrastRatio(colour, '#ffffff') >= 4.5 ? colour : INK);

export type LetterWriter = {
	/** Adds one letter, starting on a new page; returns its number of pages. */
	add(letter: LetterContent): number;
	/** Finishes the document; resolves when the last byte has been written to the stream. */
	end(): Promise<{ pages: number }>;
};

/** A print file written to `out`: add letters one by one, then end it. */
export function letterWriter(out: Writable, info: { title: string; author: string; duplex?: boolean }): LetterWriter {
	const doc = new PDFDocument({
		size: 'A4',
		autoFirstPage: false,
		margins: { top: 20 * MM, bottom: BOTTOM, left: LEFT, right: RIGHT },
		info: { Title: info.title, Author: info.author, Creator: 'Coulant' },
		lang: 'nl',
		displayTitle: true
	});
	doc.pipe(out);
	const finished = new Promise<void>((resolve, reject) => {
		out.on('finish', resolve);
		out.on('close', resolve);
		out.on('error', reject);
		doc.on('error', reject);
	});
	const registered = new Set<string>();
	// pdfkit's openImage (an image embedded once, drawn on many pages) is missing from its type definitions.
	const opener = doc as PDFKit.PDFDocument & { openImage(src: Buffer): PDFKit.Mixins.ImageSrc };
	const images = new Map<string, PDFKit.Mixins.ImageSrc | null>();
	let pages = 0;
	/** The letter being written and its first page, so a page it runs on to says whose letter it is. */
	let current: { letter: LetterContent; first: number } | null = null;
	doc.on('pageAdded', () => {
		pages++;
		if (!current || pages === current.first) return;
		const { letter } = current;
		// The text that ran on to this page goes on in its own font, size and colour (pdfkit's fields), not the header's.
		const state = doc as unknown as { _font: unknown; _fontSize: number; _fillColor?: [string, number] };
		const [font0, size0, fill0] = [state._font, state._fontSize, state._fillColor];
		doc.rect(0, 0, A4.width, 3 * MM).fill(letter.brand.brandColor);
		const header = `${letter.brand.displayName} · ${letter.continued(pages - current.first + 1)}`;
		doc.font(font(letter.locale, 'regular')).fontSize(8.5).fillColor(QUIET);
		if (letter.locale === 'ar') rtlText(doc, header, LEFT, 10 * MM, { width: TEXT_WIDTH, bottom: A4.height, top: 10 * MM });
		else doc.text(header, LEFT, 10 * MM, { width: TEXT_WIDTH, lineBreak: false });
		state._font = font0;
		doc.fontSize(size0).fillColor(fill0?.[0] ?? INK);
		doc.x = LEFT;
		doc.y = 20 * MM;
	});

	function font(locale: string, weight: 'regular' | 'bold') {
		const name = `${locale === 'ar' ? 'ar' : 'latin'}-${weight}`;
		if (!registered.has(name)) {
			doc.registerFont(name, fontFiles(locale)[weight]);
			registered.add(name);
		}
		return name;
	}

	function logoOf(l: LetterContent) {
		if (!l.logo) return null;
		if (!images.has(l.logo.key)) {
			try {
				images.set(l.logo.key, opener.openImage(Buffer.from(l.logo.bytes)));
			} catch {
				// A logo pdfkit cannot read (a progressive JPEG of an odd kind) leaves the name alone in the letterhead.
				images.set(l.logo.key, null);
			}
		}
		return images.get(l.logo.key) ?? null;
	}

	/**
	 * pdfkit caches the layout of every word it has written, for the whole document: with a name, an address and a
	 * link per letter that cache grows with the print file. Emptied every so many letters, it keeps the common words
	 * fast (without it a letter takes four times as long) and the memory flat. `layoutCache` is pdfkit's own field.
	 */
	let sinceReset = 0;
	function boundLayoutCache() {
		if (++sinceReset < 100) return;
		sinceReset = 0;
		const fonts = (doc as unknown as { _fontFamilies: Record<string, { layoutCache?: object }> })._fontFamilies;
		for (const f of Object.values(fonts)) if (f.layoutCache) f.layoutCache = Object.create(null);
	}

	function add(l: LetterContent): number {
		boundLayoutCache();
		const before = pages;
		const rtl = l.locale === 'ar';
		const regular = font(l.locale, 'regular');
		const bold = font(l.locale, 'bold');
		const latin = font('nl', 'regular');
		/** Text in the letter's direction: pdfkit's own layout left to right, ours right to left. */
		const write = (text: string, x: number, y: number | undefined, o: { width: number; lineGap?: number; paragraphGap?: number }) =>
			rtl
				? rtlText(doc, text, x, y ?? doc.y, { ...o, bottom: A4.height - BOTTOM, top: 20 * MM })
				: doc.text(text, x, y, { ...o, align: 'left' });
		current = { letter: l, first: pages + 1 };
		doc.addPage();
		const colour = onWhite(l.brand.brandColor);

		// Letterhead: a band in the brand colour, the logo and name, the contact details on the right.
		doc.rect(0, 0, A4.width, 6 * MM).fill(l.brand.brandColor);
		const logo = logoOf(l);
		let nameX = LEFT;
		if (logo) {
			// Fitted into 40 × 16 mm; the name follows the logo as wide as it is drawn.
			const { width, height } = logo as unknown as { width: number; height: number };
			const drawn = Math.min(40 * MM, (16 * MM * width) / height);
			doc.image(logo, LEFT, 14 * MM, { fit: [40 * MM, 16 * MM], valign: 'center' });
			nameX = LEFT + drawn + 5 * MM;
		}
		doc
			.font(font('nl', 'bold'))
			.fontSize(15)
			.fillColor(colour)
			.text(l.brand.displayName, nameX, 19 * MM, { width: 130 * MM - nameX - 5 * MM, lineBreak: false, ellipsis: true });
		// The letterhead is set in a Latin font, so an Arabic letter keeps the hours as the merchant typed them.
		const hours = l.brand.contactHours && (l.locale === 'ar' ? l.brand.contactHours : formatHours(l.brand.contactHours, l.locale));
		const contact = [l.brand.contactPhone, l.brand.contactEmail, l.brand.website, hours].filter(Boolean) as string[];
		doc
			.font(latin)
			.fontSize(8.5)
			.fillColor(QUIET)
			.text(contact.join('\n'), 130 * MM, 14 * MM, { width: A4.width - 130 * MM - RIGHT, align: 'right', lineGap: 1 });

		// Fold marks for a C5/DL envelope (a third of the page), in the left margin.
		doc
			.moveTo(4 * MM, 99 * MM)
			.lineTo(8 * MM, 99 * MM)
			.moveTo(4 * MM, 198 * MM)
			.lineTo(8 * MM, 198 * MM);
		doc.lineWidth(0.4).strokeColor('#9aa1a8').stroke();

		// The address, inside the window with a few millimetres to spare on every side.
		doc
			.font(latin)
			.fontSize(10)
			.fillColor(INK)
			.text(l.address.join('\n'), WINDOW.x + 5 * MM, WINDOW.y + 10 * MM, {
				width: WINDOW.width - 10 * MM,
				height: WINDOW.height - 14 * MM,
				lineGap: 2,
				ellipsis: true
			});

		// Date, beside the window.
		doc.font(regular).fontSize(9).fillColor(QUIET);
		write(l.dateLabel, 125 * MM, WINDOW.y + 10 * MM, { width: 65 * MM });
		doc.font(regular).fontSize(10).fillColor(INK);
		write(l.date, 125 * MM, doc.y, { width: 65 * MM });

		// The letter: subject, the words before the link, the QR code, the words after it.
		doc.x = LEFT;
		doc.y = 105 * MM;
		const para = (text: string, size = 10.5, f = regular) => {
			doc.font(f).fontSize(size).fillColor(INK);
			write(text, LEFT, doc.y, { width: TEXT_WIDTH, lineGap: 2.5, paragraphGap: 7 });
		};
		para(l.subject, 12, bold);
		doc.moveDown(0.3);
		para(l.greeting);
		for (const p of l.before) para(p);

		const qrSize = 30 * MM;
		if (doc.y + qrSize + 6 * MM > A4.height - BOTTOM) doc.addPage();
		const top = doc.y + 2 * MM;
		const qrX = rtl ? A4.width - RIGHT - qrSize : LEFT;
		drawQr(doc, l.link, qrX, top, qrSize);
		const captionX = rtl ? LEFT : LEFT + qrSize + 6 * MM;
		const captionWidth = TEXT_WIDTH - qrSize - 6 * MM;
		doc.font(bold).fontSize(11).fillColor(colour);
		write(l.button, captionX, top + 2 * MM, { width: captionWidth, paragraphGap: 3 });
		doc.font(regular).fontSize(9.5).fillColor(INK);
		write(l.scan, captionX, doc.y, { width: captionWidth, lineGap: 1.5, paragraphGap: 3 });
		doc
			.font(latin)
			.fontSize(8.5)
			.fillColor(QUIET)
			.text(l.link, captionX, doc.y, { width: captionWidth, align: rtl ? 'right' : 'left' });
		doc.y = Math.max(doc.y, top + qrSize) + 5 * MM;

		for (const p of l.after) para(p);
		para(l.signoff);

		if (l.claimLines.length) {
			doc.moveDown(0.5);
			claimsTable(doc, l, { regular, bold, rtl, write });
		}

		doc.moveDown(1);
		for (const p of [l.why, l.contact]) {
			doc.font(regular).fontSize(8.5).fillColor(QUIET);
			write(p, LEFT, doc.y, { width: TEXT_WIDTH, lineGap: 1.5, paragraphGap: 3 });
		}
		// Printed on both sides, every letter starts on the front of a sheet: one of an odd number of pages gets a blank back.
		current = null;
		if (info.duplex && (pages - before) % 2 === 1) doc.addPage();
		return pages - before;
	}

	return {
		add,
		async end() {
			doc.end();
			await finished;
			return { pages };
		}
	};
}

type Write = (text: string, x: number, y: number | undefined, o: { width: number; lineGap?: number; paragraphGap?: number }) => unknown;

function claimsTable(doc: PDFKit.PDFDocument, l: LetterContent, f: { regular: string; bold: string; rtl: boolean; write: Write }) {
	const amountWidth = 35 * MM;
	const whatWidth = TEXT_WIDTH - amountWidth - 4 * MM;
	const whatX = f.rtl ? LEFT + amountWidth + 4 * MM : LEFT;
	const amountX = f.rtl ? LEFT : LEFT + whatWidth + 4 * MM;
	const rule = () => {
		doc
			.moveTo(LEFT, doc.y)
			.lineTo(LEFT + TEXT_WIDTH, doc.y)
			.lineWidth(0.5)
			.strokeColor('#dde1dc')
			.stroke();
	};
	const row = (what: string, amount: string, font: string) => {
		doc.font(font).fontSize(9.5).fillColor(INK);
		const whatHeight = f.rtl ? rtlHeight(doc, what, whatWidth) : doc.heightOfString(what, { width: whatWidth });
		const h = Math.max(whatHeight, doc.heightOfString(amount, { width: amountWidth }));
		if (doc.y + h > A4.height - BOTTOM) doc.addPage();
		const y = doc.y;
		f.write(what, whatX, y, { width: whatWidth });
		doc.text(amount, amountX, y, { width: amountWidth, align: f.rtl ? 'left' : 'right' });
		doc.y = y + h + 3;
	};
	if (doc.y + 40 > A4.height - BOTTOM) doc.addPage();
	rule();
	doc.y += 4;
	doc.font(f.bold).fontSize(10).fillColor(INK);
	f.write(l.claimsHeading, LEFT, doc.y, { width: TEXT_WIDTH });
	doc.y += 3;
	for (const c of l.claimLines) row(c.what, c.amount, f.regular);
	rule();
	doc.y += 3;
	row(l.totalLabel, l.total, f.bold);
}

/** The QR code as vector squares (crisp at any printer resolution, a few hundred bytes). */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) {
	const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
	const n = qr.modules.size;
	const cell = size / n;
	for (let r = 0; r < n; r++) {
		for (let c = 0; c < n; c++) {
			// A run of dark modules in a row is one rectangle.
			if (!qr.modules.get(r, c)) continue;
			let end = c;
			while (end + 1 < n && qr.modules.get(r, end + 1)) end++;
			doc.rect(x + c * cell, y + r * cell, (end - c + 1) * cell + 0.05, cell + 0.05);
			c = end;
		}
	}
	doc.fill('#000000');
}
