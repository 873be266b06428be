// An example file in the import format, to start from.
import { CSV_COLUMNS } from '$lib/schemas/claims';
import { requireOwner } from '$lib/server/accounts/handle';
import type { RequestHandler } from './$types';

const EXAMPLE = [
	Object.keys(CSV_COLUMNS).join(';'),
	'K-1001;Sanne de Vries;sanne@example.com;+31612345678;;Kerkstraat 12a;1234 AB;Utrecht;NL;1990-05-01;nl;F-2026-0001;Abonnement oktober;24,95;EUR;2026-10-01;2026-10-15',
	'K-1001;Sanne de Vries;sanne@example.com;+31612345678;;Kerkstraat 12a;1234 AB;Utrecht;NL;1990-05-01;nl;F-2026-0002;Abonnement november;24,95;EUR;2026-11-01;2026-11-15',
	'K-1002;Tom Bakker;;;brief;Dorpsweg 3;9711 AA;Groningen;;;en;F-2026-0003;Reparatie;1.234,56;EUR;01-10-2026;31-10-2026'
].join('\r\n');

export const GET: RequestHandler = ({ locals }) => {
	requireOwner(locals);
	return new Response(`\uFEFF${EXAMPLE}\r\n`, {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="coulant-import-voorbeeld.csv"' }
	});
};
