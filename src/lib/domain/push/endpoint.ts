// Where Coulant may send a push message: only to the browsers' own push services, over https. A subscription is
// posted by a browser we do not control, so its endpoint is an address an attacker could choose; without this check
// the sender would make requests to any host, private ones included (SSRF). Pure.

/**
 * The push services browsers use: Chrome, Edge's Chromium, Samsung Internet, Opera and Brave (FCM), Firefox
 * (Mozilla autopush), Safari (Apple) and legacy Edge (WNS). A host must be one of these or below one.
 */
export const PUSH_SERVICE_HOSTS: readonly string[] = [
	'fcm.googleapis.com',
	'android.googleapis.com',
	'updates.push.services.mozilla.com',
	'push.services.mozilla.com',
	'web.push.apple.com',
	'notify.windows.com'
];

export type EndpointProblem = 'not_a_url' | 'not_https' | 'not_a_push_service' | 'has_credentials';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Why an endpoint may not be pushed to, or null when it may. `allowLoopback` (tests and local development only, an
 * explicit setting) also lets https to this machine through: the local push service of the tests.
 */
export function endpointProblem(endpoint: string, allowLoopback = false): EndpointProblem | null {
	let url: URL;
	try {
		url = new URL(endpoint);
	} catch {
		return 'not_a_url';
	}
	if (url.username || url.password) return 'has_credentials';
	const host = url.hostname.toLowerCase();
	if (url.protocol !== 'https:') return 'not_https';
	if (allowLoopback && LOOPBACK.has(host)) return null;
	if (url.port && url.port !== '443') return 'not_a_push_service';
	const known = PUSH_SERVICE_HOSTS.some((h) => host === h || host.endsWith(`.${h}`));
	return known ? null : 'not_a_push_service';
}
