import { describe, expect, it } from 'vitest';
import { checkLogo, MAX_LOGO_BYTES, sanitizeSvg, sniff } from './logo';

const bytes = (...v: number[]) => new Uint8Array([...v, ...new Array(32).fill(0)]);
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('file type sniffing', () => {
	it('reads PNG, JPEG, WebP and SVG from the content', () => {
		expect(sniff(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('image/png');
		expect(sniff(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
		expect(sniff(utf8('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '))).toBe('image/webp');
		expect(sniff(utf8('\uFEFF<?xml version="1.0"?>\n<!-- made by hand -->\n<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe(
			'image/svg+xml'
		);
	});

	it('refuses anything else, whatever it is called', () => {
		expect(sniff(utf8('GIF89a......'))).toBeNull();
		expect(sniff(utf8('<html><script>alert(1)</script></html>'))).toBeNull();
		expect(sniff(utf8('%PDF-1.7'))).toBeNull();
		expect(checkLogo(utf8('just text'))).toEqual({ ok: false, problem: 'settings_error_logo_type' });
	});

	it('refuses empty and too large files', () => {
		expect(checkLogo(new Uint8Array())).toEqual({ ok: false, problem: 'settings_error_logo_missing' });
		const big = new Uint8Array(MAX_LOGO_BYTES + 1);
		big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
		expect(checkLogo(big)).toEqual({ ok: false, problem: 'settings_error_logo_size' });
	});
});

describe('SVG sanitising', () => {
	it('keeps shapes, text and gradients', () => {
		const svg =
			'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs><rect width="10" height="10" fill="url(#g)"/><text x="1" y="5">A &amp; B</text></svg>';
		expect(sanitizeSvg(svg)).toBe(svg);
	});

	it('removes script, foreignObject, event handlers, script URLs and external references', () => {
		const svg = `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">
			<script>alert(1)</script><script type="text/javascript"><![CDATA[ alert(2) ]]></script>
			<foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><iframe src="javascript:alert(3)"></iframe></body></foreignObject>
			<a href="javascript:alert(4)"><rect width="5" height="5"/></a>
			<use href="https://evil.example/x.svg#a"/><use xlink:href="#ok"/>
			<image href="https://evil.example/track.png"/>
			<rect ONCLICK="x()" style="fill:url(https://evil.example/p)" fill="url( 'https://evil.example' )"/>
			<path d="M0 0" filter="url(#f)"/><set attributeName="href" to="javascript:alert(5)"/>
			<style>@import url(https://evil.example/a.css);</style>
			<circle r="1" fill="java&#x0A;script:alert(6)"/>
		</svg>`;
		const clean = sanitizeSvg(svg)!;
		// CDATA cannot be read safely: the whole file is refused.
		expect(clean).toBeNull();
		const clean2 = sanitizeSvg(svg.replace(/<script type[\s\S]*?<\/script>/, ''))!;
		expect(clean2).not.toBeNull();
		for (const bad of [
			'script',
			'foreignObject',
			'iframe',
			'onload',
			'ONCLICK',
			'javascript',
			'evil.example',
			'<a',
			'<image',
			'<set',
			'<style',
			'@import'
		]) {
			expect(clean2).not.toContain(bad);
		}
		expect(clean2).toContain('<use xlink:href="#ok"/>');
		expect(clean2).toContain('filter="url(#f)"');
		// Content under a dropped element goes with it.
		expect(clean2).not.toContain('width="5"');
	});

	it('refuses markup it cannot read: entities, doctype, broken nesting, no svg root', () => {
		expect(sanitizeSvg('<!DOCTYPE svg [<!ENTITY x "y">]><svg>&x;</svg>')).toBeNull();
		expect(sanitizeSvg('<svg><g></svg>')).toBeNull();
		expect(sanitizeSvg('<html><svg/></html>')).toBeNull();
		expect(sanitizeSvg('<svg/><script>alert(1)</script>')).toBeNull();
		expect(sanitizeSvg('<svg><text>&bogus;</text></svg>')).toBeNull();
	});

	it('stores the rebuilt SVG, so what is served is what was checked', () => {
		const result = checkLogo(utf8('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>'));
		expect(result.ok).toBe(true);
		if (result.ok) {
			expect(result.type).toBe('image/svg+xml');
			expect(new TextDecoder().decode(result.bytes)).toBe('<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>');
			expect(result.hash).toMatch(/^[0-9a-f]{16}$/);
		}
	});
});
