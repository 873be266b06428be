// Route ids that name a row are UUIDs: anything else is a 404 before a handler runs (PostgreSQL would throw on it).
import type { ParamMatcher } from '@sveltejs/kit';
import { isUuid } from '$lib/domain/uuid';

export const match: ParamMatcher = (param) => isUuid(param);
