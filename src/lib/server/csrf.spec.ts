import { describe, expect, it } from 'vitest';
import { isCrossSite, isForgedForm } from './csrf';

const url = new URL('https://pay.example.nl/d/abc');
const post = (headers: Record<string, string>, method = 'POST') =>
	new Request(url, { method, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });

describe('isForgedForm', () => {
	it('lets our own form posts through, with or without a usable Origin', () => {
		expect(isForgedForm(post({ origin: 'https://pay.example.nl' }), url)).toBe(false);
		expect(isForgedForm(post({ origin: 'null', 'sec-fetch-site': 'same-origin' }), url)).toBe(false);
	});

	it('refuses posts from other sites', () => {
		expect(isForgedForm(post({ origin: 'https://evil.example' }), url)).toBe(true);
		expect(isForgedForm(post({ origin: 'null', 'sec-fetch-site': 'cross-site' }), url)).toBe(true);
		expect(isForgedForm(post({}), url)).toBe(true);
	});

	it('leaves reads and JSON requests to their own checks', () => {
		expect(isForgedForm(new Request(url), url)).toBe(false);
		expect(isForgedForm(new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }), url)).toBe(false);
	});
});

describe('isCrossSite (the page’s own JSON calls)', () => {
	const json = (headers: Record<string, string>) =>
		new Request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } });
	it('lets the page’s own calls through, refuses other sites and calls that say nothing', () => {
		expect(isCrossSite(json({ origin: 'https://pay.example.nl' }), url)).toBe(false);
		expect(isCrossSite(json({ origin: 'null', 'sec-fetch-site': 'same-origin' }), url)).toBe(false);
		expect(isCrossSite(json({ origin: 'https://evil.example' }), url)).toBe(true);
		expect(isCrossSite(json({ 'sec-fetch-site': 'same-site' }), url)).toBe(true);
		expect(isCrossSite(json({}), url)).toBe(true);
	});
});
