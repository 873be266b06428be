// The problem types' URIs resolve to a short description of each.
import { error, json } from '@sveltejs/kit';
import { PROBLEMS, type ProblemType } from '$lib/server/api/problem';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params }) => {
	const found = PROBLEMS[params.type as ProblemType];
	if (!Object.hasOwn(PROBLEMS, params.type)) error(404, 'not_found');
	return json({ type: params.type, ...found });
};
