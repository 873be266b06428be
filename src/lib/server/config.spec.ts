import { describe, expect, it } from 'vitest';
import { MOLLIE_STANDIN, readConfig } from './config';

describe('readConfig', () => {
	it('defaults to the embedded demo', () => {
		const c = readConfig({});
		expect(c.databaseUrl).toBeUndefined();
		expect(c.demo).toBe(true);
		expect(c.origin).toBe('http://localhost:3000');
		expect(c.pgliteDir).toMatch(/\.data\/pglite$/);
	});

	it('uses a real database without demo data unless asked', () => {
		const c = readConfig({ DATABASE_URL: 'postgres://u@db:5432/coulant', ORIGIN: 'https://pay.example.nl/' });
		expect(c.demo).toBe(false);
		expect(c.origin).toBe('https://pay.example.nl');
		expect(readConfig({ DATABASE_URL: 'postgres://u@db/c', DEMO: '1' }).demo).toBe(true);
	});

	it('treats empty variables as unset and follows PORT', () => {
		expect(readConfig({ DATABASE_URL: '', PORT: '8080' })).toMatchObject({ databaseUrl: undefined, origin: 'http://localhost:8080' });
	});

	it('names every bad setting', () => {
		expect(() => readConfig({ DATABASE_URL: 'mysql://x', PORT: 'abc' })).toThrow(/DATABASE_URL[\s\S]*PORT|PORT[\s\S]*DATABASE_URL/);
	});
});

describe('the Mollie stand-in', () => {
	it('runs in the demo and when asked for, never silently in production', () => {
		expect(readConfig({}).mollieStandin).toBe(true);
		expect(readConfig({ DATABASE_URL: 'postgres://u@db/c' }).mollieStandin).toBe(false);
		expect(readConfig({ DATABASE_URL: 'postgres://u@db/c', MOLLIE_STANDIN: '1' }).mollieStandin).toBe(true);
		expect(readConfig({ MOLLIE_API_KEY: 'test_abcdefghijklmnopqrstuvwxyz12' }).mollieStandin).toBe(false);
	});

	it('never runs the demo (its owner has a public password) next to a live Mollie key', () => {
		const live = 'live_' + 'a'.repeat(30);
		expect(() => readConfig({ MOLLIE_API_KEY: live })).toThrow(/DEMO.*live/);
		expect(() => readConfig({ MOLLIE_API_KEY: live, DATABASE_URL: 'postgres://u@db/c', DEMO: '1' })).toThrow(/DEMO.*live/);
		expect(readConfig({ MOLLIE_API_KEY: live, DATABASE_URL: 'postgres://u@db/c' }).demo).toBe(false);
		expect(readConfig({ MOLLIE_API_KEY: live, DEMO: '0' }).demo).toBe(false);
		expect(readConfig({ MOLLIE_API_KEY: 'test_' + 'a'.repeat(30) }).demo).toBe(true);
	});

	it('is where the Mollie client goes without a key; with one it goes to Mollie itself', () => {
		expect(readConfig({}).mollie).toEqual(MOLLIE_STANDIN);
		expect(readConfig({ MOLLIE_API_KEY: 'live_abcdefghijklmnopqrstuvwxyz12', DATABASE_URL: 'postgres://u@db/c' }).mollie).toEqual({
			apiKey: 'live_abcdefghijklmnopqrstuvwxyz12'
		});
	});
});

describe('webhooks to this machine', () => {
	it('are off unless asked for, and refused next to a live Mollie key', () => {
		expect(readConfig({}).webhooks.allowLoopback).toBe(false);
		expect(readConfig({ WEBHOOKS_ALLOW_LOOPBACK: '1' }).webhooks.allowLoopback).toBe(true);
		const live = { MOLLIE_API_KEY: 'live_' + 'a'.repeat(30), DATABASE_URL: 'postgres://u@db/c' };
		expect(readConfig(live).webhooks.allowLoopback).toBe(false);
		expect(() => readConfig({ ...live, WEBHOOKS_ALLOW_LOOPBACK: '1' })).toThrow(/WEBHOOKS_ALLOW_LOOPBACK/);
	});

	it('checks SECRETS_KEY, pairs the Mollie Connect app, and uses the stand-in app in the demo', () => {
		expect(() => readConfig({ SECRETS_KEY: 'short' })).toThrow(/SECRETS_KEY.*32 bytes/);
		expect(readConfig({ SECRETS_KEY: `${'a'.repeat(43)}=,${'b'.repeat(64)}` }).secretsKey).toBeDefined();
		expect(() => readConfig({ MOLLIE_CLIENT_ID: 'app_abc' })).toThrow(/MOLLIE_CLIENT_SECRET/);
		const real = readConfig({
			MOLLIE_CLIENT_ID: 'app_abc',
			MOLLIE_CLIENT_SECRET: 'secret-123',
			DATABASE_URL: 'postgres://u@db/c',
			MOLLIE_API_KEY: 'test_' + 'a'.repeat(30)
		});
		expect(real.mollieConnect).toMatchObject({
			authorizeUrl: 'https://my.mollie.com/oauth2/authorize',
			tokenUrl: 'https://api.mollie.com/oauth2/tokens'
		});
		expect(readConfig({}).mollieConnect).toMatchObject({
			clientId: 'app_standin',
			authorizeUrl: 'http://localhost:3000/standin/mollie/oauth2/authorize'
		});
		expect(readConfig({ SIGNUP: 'closed' }).signup).toBe('closed');
	});
});

describe('object storage', () => {
	it('is off without a bucket, and takes an S3-compatible endpoint with path-style URLs', () => {
		expect(readConfig({}).s3).toBeNull();
		expect(
			readConfig({
				S3_BUCKET: 'coulant-media',
				S3_ENDPOINT: 'http://minio:9000',
				S3_ACCESS_KEY_ID: 'id',
				S3_SECRET_ACCESS_KEY: 'secret',
				S3_PREFIX: 'prod/'
			}).s3
		).toEqual({
			endpoint: 'http://minio:9000',
			bucket: 'coulant-media',
			region: 'us-east-1',
			credentials: { accessKeyId: 'id', secretAccessKey: 'secret' },
			forcePathStyle: true,
			prefix: 'prod/'
		});
		// AWS itself: virtual-hosted buckets, the SDK's own credentials.
		expect(readConfig({ S3_BUCKET: 'coulant-media', S3_REGION: 'eu-west-1' }).s3).toMatchObject({
			endpoint: undefined,
			region: 'eu-west-1',
			credentials: undefined,
			forcePathStyle: false
		});
	});

	it('names what is missing or wrong', () => {
		expect(() => readConfig({ S3_ENDPOINT: 'http://minio:9000' })).toThrow(/S3_BUCKET/);
		expect(() => readConfig({ S3_BUCKET: 'b-1', S3_ACCESS_KEY_ID: 'id' })).toThrow(/S3_SECRET_ACCESS_KEY/);
		expect(() => readConfig({ S3_BUCKET: 'Not_A_Bucket' })).toThrow(/S3_BUCKET/);
		expect(() => readConfig({ S3_BUCKET: 'b-1', S3_ENDPOINT: 'ftp://x' })).toThrow(/S3_ENDPOINT/);
		expect(() => readConfig({ S3_BUCKET: 'b-1', S3_PREFIX: '../x' })).toThrow(/S3_PREFIX/);
	});
});
