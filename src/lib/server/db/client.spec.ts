import { describe, expect, it } from 'vitest';
import { unixSocket } from './client';

describe('unixSocket', () => {
	it('turns libpq-style ?host=/dir into the socket file postgres.js wants', () => {
		expect(unixSocket('postgres://app@localhost:5433/coulant?host=/var/run/postgresql')).toEqual({
			url: 'postgres://app@localhost:5433/coulant',
			path: '/var/run/postgresql/.s.PGSQL.5433'
		});
		expect(unixSocket('postgres://app@localhost/coulant?host=%2Ftmp%2Fpg').path).toBe('/tmp/pg/.s.PGSQL.5432');
	});

	it('leaves TCP URLs alone', () => {
		expect(unixSocket('postgres://app@db.internal:5432/coulant?sslmode=require')).toEqual({
			url: 'postgres://app@db.internal:5432/coulant?sslmode=require'
		});
	});
});
