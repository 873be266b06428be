// The process-wide database: opened and migrated once, at start-up (see ../startup.ts).
import { config } from '../config';
import { migrate, openPglite, openPostgres, type Database, type Db } from './client';

let current: Promise<Database> | undefined;

export function database(): Promise<Database> {
	current ??= (async () => {
		const c = config();
		const opened = c.databaseUrl ? await openPostgres(c.databaseUrl) : await openPglite(c.pgliteDir);
		await migrate(opened, c.migrationsDir);
		return opened;
	})();
	return current;
}

export async function db(): Promise<Db> {
	return (await database()).db;
}
