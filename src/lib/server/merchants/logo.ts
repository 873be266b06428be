// Logo uploads: the type is read from the bytes (never the name), and an SVG is rebuilt from an allowlist so it cannot carry script.
import { createHash } from 'node:crypto';

export const MAX_LOGO_BYTES = 1024 * 1024;

export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml'] as const;
export type LogoType = (typeof LOGO_TYPES)[number];
export const isLogoType = (type: string | null | undefined): type is LogoType =>
	(LOGO_TYPES as readonly (string | null | undefined)[]).includes(type);
export type LogoCheck =
	| { ok: true; bytes: Uint8Array; type: LogoType; hash: string }
	| {
			ok: false;
			problem: 'settings_error_logo_missing' | 'settings_error_logo_size' | 'settings_error_logo_type' | 'settings_error_logo_svg';
	  };

const starts = (b: Uint8Array, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The image type by magic bytes; SVG by its markup; anything else is null. */
export function sniff(bytes: Uint8Array): LogoType | null {
	if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	if (starts(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (starts(bytes, ascii('RIFF')) && starts(bytes, ascii('WEBP'), 8)) return 'image/webp';
	const head = new TextDecoder('utf-8', { fatal: false })
		.decode(bytes.subarray(0, 1024))
		.replace(/^\uFEFF/, '')
		.trimStart();
	if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE[^>]*>\s*)?<svg[\s>]/i.test(head)) return 'image/svg+xml';
	return null;
}

export function checkLogo(bytes: Uint8Array): LogoCheck {
	if (bytes.length === 0) return { ok: false, problem: 'settings_error_logo_missing' };
	if (bytes.length > MAX_LOGO_BYTES) return { ok: false, problem: 'settings_error_logo_size' };
	const type = sniff(bytes);
	if (!type) return { ok: false, problem: 'settings_error_logo_type' };
	let stored = bytes;
	if (type === 'image/svg+xml') {
		const clean = sanitizeSvg(new TextDecoder('utf-8', { fatal: false }).decode(bytes));
		if (clean === null) return { ok: false, problem: 'settings_error_logo_svg' };
		stored = new TextEncoder().encode(clean);
	}
	return { ok: true, bytes: stored, type, hash: createHash('sha256').update(stored).digest('hex').slice(0, 16) };
}

// Shapes, text and paint only: no script, foreignObject, image, links, animation (which can rewrite hrefs) or <style> (which can import).
const ELEMENTS = new Set([
	'svg',
	'g',
	'path',
	'rect',
	'circle',
	'ellipse',
	'line',
	'polyline',
	'polygon',
	'text',
	'tspan',
	'defs',
	'lineargradient',
	'radialgradient',
	'stop',
	'clippath',
	'mask',
	'pattern',
	'symbol',
	'use',
	'title',
	'desc'
]);
const NAMESPACES: Record<string, string> = { xmlns: 'http://www.w3.org/2000/svg', 'xmlns:xlink': 'http://www.w3.org/1999/xlink' };

const TOKEN =
	/<!--[\s\S]*?-->|<\?xml[^>]*\?>|<!|<\/\s*([A-Za-z][\w:.-]*)\s*>|<([A-Za-z][\w:.-]*)((?:\s+[A-Za-z_:][\w:.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)|</y;
const ATTRIBUTE = /\s+([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/g;
const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g;

function decode(value: string): string {
	return value.replace(ENTITY, (e) => {
		const named: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };
		if (named[e]) return named[e];
		const code = e[2] === 'x' ? parseInt(e.slice(3, -1), 16) : parseInt(e.slice(2, -1), 10);
		return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
	});
}

/** Whether an attribute may stay: no handlers, no links out, no script URLs, no external url(). */
function keepAttribute(name: string, raw: string): boolean {
	const lower = name.toLowerCase();
	if (lower.startsWith('on')) return false;
	if (lower in NAMESPACES) return raw === NAMESPACES[lower];
	if (lower.includes(':') && lower !== 'xlink:href' && lower !== 'xml:space') return false;
	// Entities and whitespace are how "java&#x0A;script:" slips past a naive check.
	const value = decode(raw)
		// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
		.replace(/[\s\u0000-\u001f]/g, '')
		.toLowerCase();
	if (lower === 'href' || lower === 'xlink:href') return value.startsWith('#');
	if (/javascript:|vbscript:|data:|@import|expression\(|behavior:/.test(value)) return false;
	for (const m of value.matchAll(/url\(([^)]*)\)/g)) if (!m[1].replace(/["']/g, '').startsWith('#')) return false;
	return true;
}

const escapeAttr = (v: string) =>
	v
		.replace(/&(?!(?:amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});)/g, '&amp;')
		.replace(/"/g, '&quot;')
		.replace(/>/g, '&gt;');

/**
 * Rebuilds an SVG from what this parser understood, keeping only allowlisted elements and safe attributes.
 * Markup it cannot read (DOCTYPE, entities, CDATA, broken nesting) is refused: null.
 */
export function sanitizeSvg(source: string): string | null {
	const out: string[] = [];
	const stack: string[] = [];
	let dropped = 0; // depth inside an element that is left out with everything in it
	let sawRoot = false;
	let at = 0;
	const text = source.replace(/^\uFEFF/, '');
	while (at < text.length) {
		TOKEN.lastIndex = at;
		const t = TOKEN.exec(text);
		if (!t) return null;
		at = TOKEN.lastIndex;
		const [whole, closing, opening, attrs, selfClosing, chars] = t;
		if (whole.startsWith('<!--') || whole.startsWith('<?xml')) continue;
		if (whole === '<!' || whole === '<') return null;
		if (chars !== undefined) {
			if (/&(?!(?:amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});)/.test(chars)) return null;
			if (stack.length === 0) {
				if (chars.trim()) return null;
				continue;
			}
			if (!dropped) out.push(chars);
			continue;
		}
		if (closing !== undefined) {
			if (stack.pop() !== closing) return null;
			if (dropped) dropped--;
			else out.push(`</${closing}>`);
			if (stack.length === 0) break;
			continue;
		}
		const name = opening!;
		if (stack.length === 0) {
			if (sawRoot || name.toLowerCase() !== 'svg') return null;
			sawRoot = true;
		}
		const allowed = !dropped && ELEMENTS.has(name.toLowerCase());
		if (allowed) {
			const kept: string[] = [];
			for (const a of attrs.matchAll(ATTRIBUTE)) {
				const value = a[2] ?? a[3] ?? '';
				if (keepAttribute(a[1], value)) kept.push(` ${a[1]}="${escapeAttr(value)}"`);
			}
			out.push(`<${name}${kept.join('')}${selfClosing ? '/' : ''}>`);
		}
		if (selfClosing) {
			if (stack.length === 0) break;
			continue;
		}
		stack.push(name);
		if (!allowed) dropped++;
	}
	if (!sawRoot || stack.length) return null;
	if (
		text
			.slice(at)
			.replace(/<!--[\s\S]*?-->/g, '')
			.trim()
	)
		return null;
	return out.join('');
}
