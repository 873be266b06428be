// One chart's numbers of the results page as a CSV download, for the same period and segment as the page.
import { error } from '@sveltejs/kit';
import { CHARTS, plainCell, type Chart } from '$lib/domain/kpi-tables';
import { requireUser } from '$lib/server/accounts/handle';
import * as consoleService from '$lib/server/console/service';
import { db } from '$lib/server/db';
import * as results from '$lib/server/kpi/service';
import { columnOf, labelOf } from '../labels';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params, url }) => {
	const scope = requireUser(locals);
	if (!(CHARTS as readonly string[]).includes(params.chart)) error(404, 'no such chart');
	const view = await results.view(await db(), scope, url.searchParams);
	if (view.problem) error(400, `invalid ${view.problem}`);
	const table = view.tables.find((t) => t.chart === (params.chart as Chart))!;
	const csv = consoleService.toCsv(
		table.columns.map(columnOf),
		table.rows.map((r) => r.map((c) => plainCell(c, labelOf)))
	);
	// A byte-order mark, so spreadsheet programs read the text as UTF-8.
	return new Response(`\ufeff${csv}`, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="coulant-${params.chart}-${view.from}-${view.to}.csv"`,
			'Cache-Control': 'no-store'
		}
	});
};
