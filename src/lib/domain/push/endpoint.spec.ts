import { describe, expect, it } from 'vitest';
import { endpointProblem } from './endpoint';

describe('push endpoints', () => {
	it('lets the browsers’ push services through', () => {
		expect(endpointProblem('https://fcm.googleapis.com/fcm/send/abc:def')).toBeNull();
		expect(endpointProblem('https://updates.push.services.mozilla.com/wpush/v2/gAAA')).toBeNull();
		expect(endpointProblem('https://web.push.apple.com/QGx')).toBeNull();
		expect(endpointProblem('https://wns2-par02p.notify.windows.com/w/?token=x')).toBeNull();
	});

	it('refuses anything else: other hosts, plain http, private addresses, look-alikes, credentials', () => {
		expect(endpointProblem('http://fcm.googleapis.com/fcm/send/x')).toBe('not_https');
		expect(endpointProblem('https://example.com/push')).toBe('not_a_push_service');
		expect(endpointProblem('https://fcm.googleapis.com.evil.test/x')).toBe('not_a_push_service');
		expect(endpointProblem('https://evilfcm.googleapis.com.test/x')).toBe('not_a_push_service');
		expect(endpointProblem('https://10.0.0.1/x')).toBe('not_a_push_service');
		expect(endpointProblem('https://169.254.169.254/latest/meta-data')).toBe('not_a_push_service');
		expect(endpointProblem('https://fcm.googleapis.com:8443/x')).toBe('not_a_push_service');
		expect(endpointProblem('https://user:pw@fcm.googleapis.com/x')).toBe('has_credentials');
		expect(endpointProblem('not a url')).toBe('not_a_url');
	});

	it('lets the local test push service through only when asked to, and only on this machine', () => {
		expect(endpointProblem('https://127.0.0.1:8090/notify/abc')).toBe('not_a_push_service');
		expect(endpointProblem('https://localhost:8090/notify/abc', true)).toBeNull();
		expect(endpointProblem('https://127.0.0.1:8090/notify/abc', true)).toBeNull();
		expect(endpointProblem('http://127.0.0.1:8090/notify/abc', true)).toBe('not_https');
		expect(endpointProblem('https://10.0.0.5:8090/notify/abc', true)).toBe('not_a_push_service');
	});
});
