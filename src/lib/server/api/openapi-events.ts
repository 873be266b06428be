// The events feed and every webhook payload, for the OpenAPI document (openapi.ts): one schema per event type, so
// the tests can hold real webhooks and real feed answers against it.
import { EVENTS_PAGE, WEBHOOK_EVENTS, type WebhookEvent } from '../../domain/webhooks';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const nullable = (type: string, extra: Record<string, unknown> = {}) => ({ type: [type, 'null'], ...extra });
const date = { type: 'string', format: 'date' };
const obj = (properties: Record<string, unknown>, required: string[] = Object.keys(properties)) => ({
	type: 'object',
	required,
	additionalProperties: false,
	properties
});

const EventClaim = obj({
	reference: { type: 'string' },
	amount_cents: { type: 'integer', minimum: 0 },
	currency: { type: 'string', examples: ['EUR'] },
	issued_on: date,
	due_on: date
});

/** What each type adds to `data` beside `customer_ref` and `claims`. */
function specific(type: WebhookEvent): Record<string, unknown> {
	if (type === 'claim.paid')
		return {
			paid_on: date,
			via: { type: 'string', enum: ['coulant', 'outside'], description: 'Paid through Coulant, or booked as paid outside it.' }
		};
	if (type === 'claim.handed_over' || type === 'claim.taken_back') return { on: date, agency: nullable('string') };
	if (type.startsWith('claim.')) return { on: date };
	if (type.startsWith('payment.'))
		return {
			payment: obj({ id: nullable('string'), amount_cents: { type: 'integer' }, currency: { type: 'string' }, method: nullable('string') })
		};
	if (type.startsWith('plan.'))
		return {
			plan: obj(
				{
					id: nullable('string'),
					terms: { type: 'integer' },
					frequency: { type: 'string' },
					collection: { type: 'string', enum: ['direct_debit', 'pay_by_link'] },
					total_cents: { type: 'integer' },
					currency: { type: 'string' }
				},
				['id']
			)
		};
	if (type.startsWith('promise.'))
		return {
			promise: obj(
				{
					id: nullable('string'),
					promised_on: nullable('string', { format: 'date' }),
					amount_cents: { type: 'integer' },
					currency: { type: 'string' }
				},
				['id', 'promised_on']
			)
		};
	if (type === 'dispute.opened') return { dispute: obj({ id: nullable('string'), kind: nullable('string') }) };
	if (type === 'dispute.answered')
		return {
			dispute: obj({
				id: nullable('string'),
				kind: nullable('string'),
				outcome: nullable('string', { enum: ['resolved', 'rejected', null] })
			})
		};
	if (type.startsWith('message.'))
		return {
			message: obj({
				id: nullable('string'),
				channel: nullable('string', { enum: ['email', 'sms', 'letter', 'push', null] }),
				kind: nullable('string')
			})
		};
	// debtor.contact_changed: the details as they are now; only the ones that changed are present.
	return {
		contact: obj(
			{
				email: nullable('string'),
				phone: nullable('string'),
				locale: nullable('string'),
				preferred_channel: nullable('string'),
				street: nullable('string'),
				postcode: nullable('string'),
				city: nullable('string'),
				country: nullable('string')
			},
			[]
		)
	};
}

const schemaName = (type: WebhookEvent) => `Event_${type.replace('.', '_')}`;

const eventSchemas = Object.fromEntries(
	WEBHOOK_EVENTS.map((type) => [
		schemaName(type),
		obj({
			id: { type: 'string', pattern: '^evt_[0-9]+$', description: 'The same as the webhook-id header, on every try: deduplicate by it.' },
			type: { type: 'string', enum: [type] },
			timestamp: { type: 'string', format: 'date-time', description: 'When it happened.' },
			data: obj({
				customer_ref: nullable('string'),
				claims: { type: 'array', items: ref('EventClaim'), description: 'The claims it concerns.' },
				...specific(type)
			})
		})
	])
);

export const eventComponents = {
	EventClaim,
	...eventSchemas,
	Event: { oneOf: WEBHOOK_EVENTS.map((t) => ref(schemaName(t))) },
	EventsPage: obj({
		events: { type: 'array', items: ref('Event') },
		next_cursor: {
			type: 'string',
			pattern: '^[0-9]+$',
			description: 'Send it as `after` for the next page; the same when there was nothing new.'
		},
		has_more: { type: 'boolean' }
	})
};

/** The `/events` path item; `responses` of the shared kinds come from openapi.ts. */
export function eventsPath(common: {
	rateHeaders: Record<string, unknown>;
	auth: Record<string, unknown>;
	problem: (d: string) => unknown;
}) {
	return {
		get: {
			operationId: 'listEvents',
			summary: 'The events, oldest first, after a cursor (the same bodies as the webhooks)',
			description:
				'For merchants who poll instead of (or beside) receiving webhooks. Start with `after=0`, then send the `next_cursor` of ' +
				'each answer. Event ids rise in the order events were recorded, so a cursor never skips an event that was recorded later.',
			parameters: [
				{ name: 'after', in: 'query', required: false, schema: { type: 'string', pattern: '^[0-9]{1,18}$', default: '0' } },
				{
					name: 'limit',
					in: 'query',
					required: false,
					schema: { type: 'integer', minimum: 1, maximum: EVENTS_PAGE.max, default: EVENTS_PAGE.default }
				}
			],
			responses: {
				'200': {
					description: 'A page of events.',
					headers: common.rateHeaders,
					content: { 'application/json': { schema: ref('EventsPage') } }
				},
				'400': common.problem('`after` or `limit` is not valid; `invalid_params` names it.'),
				...common.auth
			}
		}
	};
}

const signatureHeaders = [
	{
		name: 'webhook-id',
		in: 'header',
		required: true,
		schema: { type: 'string', pattern: '^evt_[0-9]+$' },
		description: 'The event id, the same on every try.'
	},
	{
		name: 'webhook-timestamp',
		in: 'header',
		required: true,
		schema: { type: 'integer' },
		description: 'Seconds since 1970 when this try was signed.'
	},
	{
		name: 'webhook-signature',
		in: 'header',
		required: true,
		schema: {
			type: 'string',
			examples: [
				'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4= v1,Vm0wd2QyUXlVWGxWV0d4V1YwZDRWMVl3WkRSV1ZsbDNXa1JTVjAxV2JETlhhMUpUVmpBeFYySkVUbGhoTVVwVVZtcEJlRll5U2tWVQ=='
			]
		},
		description:
			'Standard Webhooks signatures (HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>` with the endpoint secret `whsec_…`). ' +
			'During the 24 hours after a secret rotation there are two, one per secret, separated by a space: accept either.'
	}
];

/** OpenAPI 3.1 `webhooks`: what Coulant POSTs to an endpoint, one entry per event type. */
export const webhooks = Object.fromEntries(
	WEBHOOK_EVENTS.map((type) => [
		type,
		{
			post: {
				operationId: `webhook_${type.replace('.', '_')}`,
				summary: `${type}, sent to endpoints that asked for it`,
				description:
					'Answer 2xx within 10 seconds. Anything else, a timeout or a redirect (not followed) is retried with exponential backoff ' +
					'and jitter for up to 3 days; an endpoint that fails without a single success for that long is turned off and the owner told.',
				parameters: signatureHeaders,
				requestBody: { required: true, content: { 'application/json': { schema: ref(schemaName(type)) } } },
				responses: { '2XX': { description: 'Received.' } }
			}
		}
	])
);
