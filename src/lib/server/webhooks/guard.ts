// Where a webhook may go: only to public unicast addresses, checked on the address a name RESOLVES to, at connect
// time (a `lookup` for the socket), so a name that resolves differently later (DNS rebinding) cannot reach inside.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

export type GuardOptions = {
	/** Tests only: let requests go to this machine's loopback (127.0.0.0/8, ::1). Never in production (config.ts). */
	allowLoopback: boolean;
};

export class RefusedAddress extends Error {
	constructor(readonly address: string) {
		super(`refused: ${address} is not a public address`);
	}
}

/**
 * Whether an address may be connected to. Only ipaddr.js's 'unicast' range passes, which leaves out private,
 * loopback, link-local, unique-local, multicast, unspecified, carrier-grade NAT, reserved, and the IPv6 ranges that
 * tunnel or translate to IPv4 (6to4, Teredo, NAT64); an IPv4-mapped IPv6 address is judged as the IPv4 it maps.
 */
export function allowedAddress(address: string, options: GuardOptions): boolean {
	if (!ipaddr.isValid(address)) return false;
	let ip = ipaddr.parse(address);
	if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
	const range = ip.range();
	if (range === 'loopback') return options.allowLoopback;
	return range === 'unicast';
}

/** A `lookup` for sockets that resolves the name and refuses it when any address it gives is not allowed. */
export function guardedLookup(options: GuardOptions): LookupFunction {
	return (hostname, lookupOptions, callback) => {
		dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
			if (error) return callback(error, '', 0);
			const list = addresses as LookupAddress[];
			const refused = list.find((a) => !allowedAddress(a.address, options));
			if (refused || list.length === 0) return callback(new RefusedAddress(refused?.address ?? hostname), '', 0);
			if (lookupOptions.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
			callback(null, list[0].address, list[0].family);
		});
	};
}

/** The problem with an endpoint URL as typed by the owner, or null: https only (http too with the loopback override). */
export function urlProblem(raw: string, options: GuardOptions): 'url' | 'https' | 'address' | null {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return 'url';
	}
	if (url.username || url.password || raw.length > 2000) return 'url';
	if (url.protocol !== 'https:' && !(options.allowLoopback && url.protocol === 'http:')) return 'https';
	const host = hostOf(url);
	// A literal address never goes through the lookup: check it here (and again at every request).
	if (ipaddr.isValid(host) && !allowedAddress(host, options)) return 'address';
	if (!ipaddr.isValid(host) && !host.includes('.') && !(options.allowLoopback && host === 'localhost')) return 'url';
	return null;
}

/** The URL's host without the brackets of an IPv6 literal. */
export const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');
