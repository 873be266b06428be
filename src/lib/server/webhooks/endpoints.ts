// A merchant's webhook endpoints and their delivery log; every query is scoped to the merchant.
import { randomBytes, randomUUID } from 'node:crypto';
import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import { ROTATION_OVERLAP_MS, type WebhookEvent } from '../../domain/webhooks';
import { isUuid } from '../../domain/uuid';
import type { Db } from '../db/client';
import { webhookDeliveries, webhookEndpoints, webhookEvents } from '../db/schema';
import { openSecret, sealSecret } from '../sealing';
import { isSealed } from '../vault';

/** A Standard Webhooks secret: `whsec_` and the base64 of 32 random bytes (256 bits). */
export const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

export type Endpoint = typeof webhookEndpoints.$inferSelect;

/**
 * Secrets are sealed at rest (vault.ts) under the endpoint's id, so the same sealed value opens in either column
 * (a rotation moves it from `secret` to `previous_secret` in SQL). Rows from before sealing hold `whsec_…` as is
 * until `sealStoredSecrets` runs at start-up.
 */
const purpose = (endpointId: string) => `webhook_endpoints:${endpointId}`;
const seal = (endpointId: string, secret: string) => sealSecret(purpose(endpointId), secret);
const unseal = (endpointId: string, stored: string) => (isSealed(stored) ? openSecret(purpose(endpointId), stored) : stored);

/** The secrets that sign now: the current one, and the previous one while its overlap lasts. */
export function signingSecrets(e: Pick<Endpoint, 'id' | 'secret' | 'previousSecret' | 'previousSecretUntil'>, now: Date): string[] {
	const previous = e.previousSecret && e.previousSecretUntil && e.previousSecretUntil > now ? [unseal(e.id, e.previousSecret)] : [];
	return [unseal(e.id, e.secret), ...previous];
}

export async function create(db: Db, scope: { merchantId: string; userId: string | null }, input: { url: string; events: WebhookEvent[] }) {
	const secret = newSecret();
	const id = randomUUID();
	await db
		.insert(webhookEndpoints)
		.values({ id, merchantId: scope.merchantId, url: input.url, events: input.events, secret: seal(id, secret), createdBy: scope.userId });
	return { id, secret };
}

/** Seals the secrets of endpoints made before secrets were sealed at rest; run once at start-up, harmless again. */
export async function sealStoredSecrets(db: Db) {
	const rows = await db
		.select({ id: webhookEndpoints.id, secret: webhookEndpoints.secret, previousSecret: webhookEndpoints.previousSecret })
		.from(webhookEndpoints)
		.where(sql`${webhookEndpoints.secret} like 'whsec_%' or ${webhookEndpoints.previousSecret} like 'whsec_%'`);
	for (const r of rows) {
		await db
			.update(webhookEndpoints)
			.set({
				secret: isSealed(r.secret) ? r.secret : seal(r.id, r.secret),
				previousSecret: r.previousSecret && !isSealed(r.previousSecret) ? seal(r.id, r.previousSecret) : r.previousSecret
			})
			.where(and(eq(webhookEndpoints.id, r.id), eq(webhookEndpoints.secret, r.secret)));
	}
	return rows.length;
}

/** The endpoints as the console shows them: never a secret. */
export async function list(db: Db, merchantId: string) {
	return db
		.select({
			id: webhookEndpoints.id,
			url: webhookEndpoints.url,
			events: webhookEndpoints.events,
			enabled: webhookEndpoints.enabled,
			disabledReason: webhookEndpoints.disabledReason,
			disabledAt: webhookEndpoints.disabledAt,
			previousSecretUntil: webhookEndpoints.previousSecretUntil,
			createdAt: webhookEndpoints.createdAt
		})
		.from(webhookEndpoints)
		.where(eq(webhookEndpoints.merchantId, merchantId))
		.orderBy(webhookEndpoints.createdAt);
}

const mine = (merchantId: string, id: string) => and(eq(webhookEndpoints.merchantId, merchantId), eq(webhookEndpoints.id, id));

/** A new secret; the old one keeps signing beside it for the overlap. Null when there is no such endpoint. */
export async function rotate(db: Db, merchantId: string, id: string, now = new Date()) {
	if (!isUuid(id)) return null;
	const secret = newSecret();
	const done = await db
		.update(webhookEndpoints)
		.set({
			previousSecret: sql`${webhookEndpoints.secret}`,
			previousSecretUntil: new Date(now.getTime() + ROTATION_OVERLAP_MS),
			secret: seal(id, secret)
		})
		.where(mine(merchantId, id))
		.returning({ id: webhookEndpoints.id });
	return done.length ? { secret } : null;
}

/**
 * Turns an endpoint on or off. Turned on again, its waiting deliveries get a fresh retry window, and those given up
 * while it kept failing go again.
 */
export async function setEnabled(db: Db, merchantId: string, id: string, enabled: boolean, now = new Date()) {
	if (!isUuid(id)) return false;
	return db.transaction(async (t) => {
		const [before] = await t
			.select({ failingSince: webhookEndpoints.failingSince })
			.from(webhookEndpoints)
			.where(mine(merchantId, id))
			.for('update');
		const done = await t
			.update(webhookEndpoints)
			.set(
				enabled
					? { enabled, disabledReason: null, disabledAt: null, failingSince: null }
					: { enabled, disabledReason: 'owner', disabledAt: now }
			)
			.where(mine(merchantId, id))
			.returning({ id: webhookEndpoints.id });
		if (!done.length) return false;
		if (enabled) {
			await t
				.update(webhookDeliveries)
				.set({ windowStart: now, nextAttemptAt: now })
				.where(and(eq(webhookDeliveries.endpointId, id), inArray(webhookDeliveries.status, ['pending', 'sending'])));
			// What was given up while it kept failing goes again too: the owner fixed the address to get those.
			if (before?.failingSince)
				await t
					.update(webhookDeliveries)
					.set({ status: 'pending', windowStart: now, nextAttemptAt: now })
					.where(
						and(
							eq(webhookDeliveries.endpointId, id),
							eq(webhookDeliveries.status, 'failed'),
							gte(webhookDeliveries.createdAt, before.failingSince)
						)
					);
		}
		return true;
	});
}

export async function remove(db: Db, merchantId: string, id: string) {
	if (!isUuid(id)) return false;
	const done = await db.delete(webhookEndpoints).where(mine(merchantId, id)).returning({ id: webhookEndpoints.id });
	return done.length > 0;
}

/** The latest deliveries of one endpoint, newest first. */
export async function deliveries(db: Db, merchantId: string, endpointId: string, limit = 50) {
	if (!isUuid(endpointId)) return [];
	return db
		.select({
			id: webhookDeliveries.id,
			eventId: webhookDeliveries.eventId,
			type: webhookEvents.type,
			status: webhookDeliveries.status,
			attempts: webhookDeliveries.attempts,
			responseStatus: webhookDeliveries.responseStatus,
			error: webhookDeliveries.error,
			lastAttemptAt: webhookDeliveries.lastAttemptAt,
			nextAttemptAt: webhookDeliveries.nextAttemptAt,
			deliveredAt: webhookDeliveries.deliveredAt
		})
		.from(webhookDeliveries)
		.innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
		.where(and(eq(webhookDeliveries.merchantId, merchantId), eq(webhookDeliveries.endpointId, endpointId)))
		.orderBy(desc(webhookDeliveries.eventId))
		.limit(limit);
}

/** "Send again": the same event (same webhook-id) goes once more, with a fresh retry window. */
export async function resend(db: Db, merchantId: string, deliveryId: string, now = new Date()) {
	if (!isUuid(deliveryId)) return false;
	const done = await db
		.update(webhookDeliveries)
		.set({ status: 'pending', nextAttemptAt: now, windowStart: now })
		.where(
			and(eq(webhookDeliveries.merchantId, merchantId), eq(webhookDeliveries.id, deliveryId), sql`${webhookDeliveries.status} <> 'sending'`)
		)
		.returning({ id: webhookDeliveries.id });
	return done.length > 0;
}

/** Endpoints Coulant turned off because they kept failing: the console tells the owner. */
export async function turnedOff(db: Db, merchantId: string) {
	return db
		.select({ id: webhookEndpoints.id, url: webhookEndpoints.url, disabledAt: webhookEndpoints.disabledAt })
		.from(webhookEndpoints)
		.where(and(eq(webhookEndpoints.merchantId, merchantId), eq(webhookEndpoints.disabledReason, 'failing')));
}
