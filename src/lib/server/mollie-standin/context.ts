// What every part of the stand-in is handed: its database, the app's origin and its own clock; and the
// shape of one API call, so the payments API (api.ts) and the recurring one (recurring.ts) need not know each other.
import type { Db } from '../db/client';

export type ApiRequest = { method: string; url: URL; headers: Headers; body: string };
export type ApiResponse = { status: number; body: unknown };
/** `advance` moves the stand-in's clock (tests and the control endpoint use it to reach due dates). */
export type StandinContext = { db: Db; origin: string; now: () => Date; advance?: (ms: number) => void };

/** One API call's context: also who is calling (which organization's payments and customers it may see). */
export type CallerContext = StandinContext & { caller: { organizationId: string; oauth: boolean } };
