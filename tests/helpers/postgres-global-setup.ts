// Vitest global setup for the PostgreSQL project: one server for the run, one database per test file.
import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres';

declare module 'vitest' {
	export interface ProvidedContext {
		postgresUrl: string;
	}
}

export default async function setup(project: TestProject) {
	const pg = await startPostgres();
	project.provide('postgresUrl', pg.url);
	return () => pg.stop();
}
