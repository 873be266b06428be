// A fresh, migrated database for one test file, on the engine the Vitest project names (postgres | pglite).
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import postgres from 'postgres';
import { inject } from 'vitest';
import { migrate, openPglite, openPostgres, type Database } from '../../src/lib/server/db/client';

const MIGRATIONS = resolve(import.meta.dirname, '../../drizzle');

export async function testDatabase(): Promise<Database> {
	if (process.env.TEST_DB_KIND !== 'postgres') {
		const database = await openPglite();
		await migrate(database, MIGRATIONS);
		return database;
	}
	const serverUrl = inject('postgresUrl');
	const name = `coulant_test_${randomBytes(6).toString('hex')}`;
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	const database = await openPostgres(url.toString(), { max: 5 });
	await migrate(database, MIGRATIONS);
	return {
		...database,
		close: async () => {
			await database.close();
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	};
}
