// Which messages a debtor reads: the areas under messages/ that must exist in every language, and the exceptions.
import { LOCALES } from '../schemas/locale';

/** Debtor-facing areas: every key in their nl.json must be in all of LOCALES. messages/console is nl and en only. */
export const DEBTOR_AREAS = ['portal', 'outreach', 'video', 'portal-tenants', 'assistant'] as const;
/** Keys in a debtor-facing area that no debtor reads: the Mollie stand-in's test checkout, the console's timeline labels. */
export const NOT_DEBTOR_FACING = /^(standin|console)_/;
export const TRANSLATED = LOCALES;
