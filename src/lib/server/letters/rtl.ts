// Right-to-left text for pdfkit, which lays lines out left to right only. fontkit shapes an Arabic word (joined
// letter forms, right to left within the word); this module breaks the paragraph into lines itself and places the
// words of each line from the right, keeping a run of Latin words and numbers (a name, an amount, a reference) in its
// own left-to-right order — the part of the Unicode bidi algorithm a letter needs. Every word stays real text.

/** Hebrew and Arabic letters (not their punctuation or digits, which take the direction around them). */
const RTL_CHAR = /[\u05D0-\u05EA\u0620-\u064A\u066E-\u06D3\u06FA-\u06FF\u0750-\u077F\uFB1D-\uFDFF\uFE70-\uFEFC]/;
/** Punctuation at the end of a Latin run belongs to the right-to-left sentence around it: it goes to the run's left. */
const TRAILING = /^(.*[^.,:;!?\u060C\u061B\u061F])([.,:;!?\u060C\u061B\u061F]+)$/u;
const LTR_CHAR = /[A-Za-z0-9\u00C0-\u024F]/;

type Doc = PDFKit.PDFDocument;
export type Block = { width: number; lineGap?: number; paragraphGap?: number; bottom: number; top: number };

/** The lines of `text` at the current font and size, each a list of words in reading (logical) order. */
export function rtlLines(doc: Doc, text: string, width: number): string[][] {
	const space = doc.widthOfString(' ');
	const lines: string[][] = [];
	for (const hard of text.split('\n')) {
		let line: string[] = [];
		let used = 0;
		for (const word of hard.split(/ +/).filter(Boolean)) {
			const w = doc.widthOfString(word);
			if (line.length && used + space + w > width) {
				lines.push(line);
				line = [];
				used = 0;
			}
			used += (line.length ? space : 0) + w;
			line.push(word);
		}
		lines.push(line);
	}
	return lines;
}

/** A line's words in visual order, left to right: runs of right-to-left words reversed, Latin runs kept as they are. */
export function visualOrder(words: string[]): string[] {
	const runs: { rtl: boolean; words: string[] }[] = [];
	for (const w of words) {
		// A word with no strong letter (a currency sign, a dash) joins the run before it.
		const rtl = RTL_CHAR.test(w) ? true : LTR_CHAR.test(w) ? false : (runs.at(-1)?.rtl ?? true);
		const last = runs.at(-1);
		if (last && last.rtl === rtl) last.words.push(w);
		else runs.push({ rtl, words: [w] });
	}
	return runs.reverse().flatMap((r) => {
		if (r.rtl) return [...r.words].reverse();
		const last = TRAILING.exec(r.words.at(-1)!);
		return last ? [last[2], ...r.words.slice(0, -1), last[1]] : r.words;
	});
}

export function rtlHeight(doc: Doc, text: string, width: number, lineGap = 0): number {
	return rtlLines(doc, text, width).length * (doc.currentLineHeight(true) + lineGap);
}

/** Writes `text` right-aligned in [x, x + width] from y, word by word; leaves doc.y below it, as doc.text does. */
export function rtlText(doc: Doc, text: string, x: number, y: number, b: Block) {
	const space = doc.widthOfString(' ');
	const height = doc.currentLineHeight(true) + (b.lineGap ?? 0);
	let top = y;
	for (const line of rtlLines(doc, text, b.width)) {
		if (top + height > b.bottom) {
			doc.addPage();
			top = b.top;
		}
		let right = x + b.width;
		// Placed from the right: the first word in visual order from the right is the last of visualOrder.
		for (const word of visualOrder(line).reverse()) {
			const w = doc.widthOfString(word);
			doc.text(word, right - w, top, { lineBreak: false });
			right -= w + space;
		}
		top += height;
	}
	doc.x = x;
	doc.y = top + (b.paragraphGap ?? 0);
}
