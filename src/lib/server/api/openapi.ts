// The REST API described in OpenAPI 3.1, served at /api/v1/openapi.json; tests check real answers against it.
import { LOCALES } from '../../schemas/locale';
import { eventComponents, eventsPath, webhooks } from './openapi-events';
import { PROBLEMS } from './problem';
import { API_RATE_LIMIT } from './ratelimit';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const date = { type: 'string', format: 'date', examples: ['2026-10-15'] };
const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const rateHeaders = {
	RateLimit: {
		description: 'What is left of this key\'s window: `"per-key";r=<requests left>;t=<seconds until the window ends>`.',
		required: true,
		schema: { type: 'string', examples: ['"per-key";r=117;t=42'] }
	},
	'RateLimit-Policy': {
		description: 'The key\'s limit: `"per-key";q=<requests>;w=<window in seconds>`.',
		required: true,
		schema: { type: 'string', examples: [`"per-key";q=${API_RATE_LIMIT.limit};w=${API_RATE_LIMIT.windowSeconds}`] }
	}
};
const limited = {
	'429': {
		description: `More than ${API_RATE_LIMIT.limit} requests with this key in ${API_RATE_LIMIT.windowSeconds} seconds; nothing of the request was done. Wait \`Retry-After\` seconds.`,
		headers: {
			'Retry-After': { description: 'Seconds until the key may send again.', required: true, schema: { type: 'integer', minimum: 1 } },
			...rateHeaders
		},
		content: { 'application/problem+json': { schema: ref('Problem') } }
	}
};
const auth = { '401': problem('No key, an unknown key or a revoked key.'), ...limited };

const referenceParam = { name: 'reference', in: 'path', required: true, schema: { type: 'string' } };
const idempotencyHeader = {
	name: 'Idempotency-Key',
	in: 'header',
	required: false,
	schema: { type: 'string', minLength: 1, maxLength: 255 },
	description: 'The same key with the same body returns the first answer (with `Idempotent-Replayed: true`); with another body, 422.'
};
const claimVerbResponses = {
	'200': { description: 'The claim as it is now.', headers: rateHeaders, content: { 'application/json': { schema: ref('Claim') } } },
	'400': problem('The body is not valid; `invalid_params` names every field.'),
	...auth,
	'404': problem('No claim of yours has this reference.'),
	'409': problem('The claim is not open (`not_open`), or a part payment meets a running plan (`has_plan`); nothing changed.'),
	'413': problem('The body is larger than 1 MB.'),
	'415': problem('The body is not JSON.'),
	'422': problem('The Idempotency-Key was used for a different request.')
};
const nullable = (schema: Record<string, unknown>) => ({ oneOf: [{ type: 'null' }, schema] });

export const openapi = {
	openapi: '3.1.0',
	info: {
		title: 'Coulant claims API',
		version: '1.0.0',
		description:
			'Send debtors and their claims to Coulant. Every request carries an API key (`Authorization: Bearer clt_…`) that an owner ' +
			"creates in the console; everything is scoped to the key's merchant. Claims are idempotent on your own `reference`: " +
			'sending a claim again changes nothing. POST requests honour an `Idempotency-Key` header. Errors are problem documents (RFC 9457). ' +
			`Each key may send ${API_RATE_LIMIT.limit} requests per ${API_RATE_LIMIT.windowSeconds} seconds (a fixed window, counted across all servers); ` +
			'every answer to a valid key carries `RateLimit-Policy` and `RateLimit` headers (draft-ietf-httpapi-ratelimit-headers), and a request over ' +
			'the limit gets 429 with `Retry-After`.'
	},
	servers: [{ url: '/api/v1' }],
	security: [{ bearer: [] }],
	paths: {
		'/claims': {
			post: {
				operationId: 'createClaims',
				summary: 'Send one debtor with one or more claims',
				description:
					'Creates the debtor when their `customer_ref` is new (existing debtors are left as they are) and every claim whose ' +
					'`reference` is new. All or nothing: when any reference is in use with other details, nothing is created (409). ' +
					'A new debtor gets a personal link; its URL is in this answer only, once — it is stored nowhere, and a replay of the same ' +
					'Idempotency-Key returns `link.url: null`.',
				parameters: [
					{
						name: 'Idempotency-Key',
						in: 'header',
						required: false,
						schema: { type: 'string', minLength: 1, maxLength: 255 },
						description:
							'The same key with the same body returns the first answer (with `Idempotent-Replayed: true`); with another body, 422.'
					}
				],
				requestBody: { required: true, content: { 'application/json': { schema: ref('ClaimsRequest') } } },
				responses: {
					'201': {
						description: 'At least one claim was created.',
						headers: rateHeaders,
						content: { 'application/json': { schema: ref('ClaimsResponse') } }
					},
					'200': {
						description: 'Every claim was there already; nothing changed.',
						headers: rateHeaders,
						content: { 'application/json': { schema: ref('ClaimsResponse') } }
					},
					'400': problem('The body is not valid; `invalid_params` names every field.'),
					...auth,
					'409': problem('A reference is in use for another debtor, amount or currency.'),
					'413': problem('The body is larger than 1 MB.'),
					'415': problem('The body is not JSON.'),
					'422': problem('The Idempotency-Key was used for a different request.')
				}
			}
		},
		'/claims/{reference}': {
			get: {
				operationId: 'getClaim',
				summary: 'One claim, by your reference',
				parameters: [{ name: 'reference', in: 'path', required: true, schema: { type: 'string' } }],
				responses: {
					'200': { description: 'The claim.', headers: rateHeaders, content: { 'application/json': { schema: ref('Claim') } } },
					...auth,
					'404': problem('No claim of yours has this reference.')
				}
			}
		},
		'/claims/{reference}/evidence': {
			get: {
				operationId: 'getEvidence',
				summary: 'The evidence pack sealed when the claim was handed over to an agency',
				description:
					"A ZIP with manifest.json (each file's SHA-256 and the head of the hash chain), evidence.json (the claims, every message with its content, channel and delivery proof, plans, promises, disputes and the whole timeline, hash-chained) and summary.pdf. `npm run evidence:verify -- pack.zip --head <X-Evidence-Head>` checks it.",
				parameters: [{ name: 'reference', in: 'path', required: true, schema: { type: 'string' } }],
				responses: {
					'200': {
						description: 'The pack.',
						headers: {
							...rateHeaders,
							'X-Evidence-Head': {
								description: 'The head of the hash chain, as Coulant recorded it at hand-over.',
								schema: { type: 'string', pattern: '^[0-9a-f]{64}$' }
							},
							'X-Evidence-Sha256': { description: 'The SHA-256 of the ZIP.', schema: { type: 'string', pattern: '^[0-9a-f]{64}$' } }
						},
						content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } }
					},
					...auth,
					'404': problem('No claim of yours with this reference has been handed over.')
				}
			}
		},
		'/debtors/{customer_ref}': {
			get: {
				operationId: 'getDebtor',
				summary: "A debtor's balance and claims (never their link)",
				parameters: [{ name: 'customer_ref', in: 'path', required: true, schema: { type: 'string' } }],
				responses: {
					'200': { description: 'The debtor.', headers: rateHeaders, content: { 'application/json': { schema: ref('Debtor') } } },
					...auth,
					'404': problem('No debtor of yours has this customer_ref.')
				}
			},
			patch: {
				operationId: 'changeDebtorContact',
				summary: "Change a debtor's contact details, language or preferred channel",
				description:
					'Only the fields you send change; `null` removes an e-mail address, phone number, address line or channel. A new e-mail ' +
					'address or phone number lifts an earlier bounce or failed text message. The postal address and the channel are checked as ' +
					'they will be stored (street, postcode and city together; a channel needs its address). Contact changes are on the timeline as ' +
					'`debtor.contact_changed` (the field names, not the values), a new language as `language.changed`.',
				parameters: [{ name: 'customer_ref', in: 'path', required: true, schema: { type: 'string' } }, idempotencyHeader],
				requestBody: { required: true, content: { 'application/json': { schema: ref('ContactChange') } } },
				responses: {
					'200': {
						description: 'The debtor as stored now, and which fields changed.',
						headers: rateHeaders,
						content: { 'application/json': { schema: ref('DebtorContact') } }
					},
					'400': problem('A field is not valid, or the change leaves the address or channel incomplete; `invalid_params` names them.'),
					...auth,
					'404': problem('No debtor of yours has this customer_ref.'),
					'413': problem('The body is larger than 1 MB.'),
					'415': problem('The body is not JSON.'),
					'422': problem('The Idempotency-Key was used for a different request.')
				}
			}
		},
		// Verbs on one claim (issue 15): paid outside Coulant, recall, and what happened to it.
		'/claims/{reference}/paid': {
			post: {
				operationId: 'markClaimPaid',
				summary: 'The debtor paid you directly: the claim is paid outside Coulant',
				description:
					'Stops the journey for this claim at once (no reminder asks for it again) and puts `claim.paid_outside` on the timeline. ' +
					'With `amount_cents` below what is open, it is a part payment: the claim stays open for the rest (refused with 409 `has_plan` ' +
					'while the debtor has a running plan). The body may be left out.',
				parameters: [referenceParam, idempotencyHeader],
				requestBody: { required: false, content: { 'application/json': { schema: ref('PaidRequest') } } },
				responses: claimVerbResponses
			}
		},
		'/claims/{reference}/recall': {
			post: {
				operationId: 'recallClaim',
				summary: 'Take the claim back out of Coulant',
				description: 'The claim is no longer collected; `claim.recalled` is on the timeline with your reason.',
				parameters: [referenceParam, idempotencyHeader],
				requestBody: { required: true, content: { 'application/json': { schema: ref('RecallRequest') } } },
				responses: claimVerbResponses
			}
		},
		'/claims/{reference}/payments': {
			get: {
				operationId: 'getClaimPayments',
				summary: 'Payments made for the claim through Coulant, oldest first',
				parameters: [referenceParam],
				responses: {
					'200': { description: 'The payments.', headers: rateHeaders, content: { 'application/json': { schema: ref('ClaimPayments') } } },
					...auth,
					'404': problem('No claim of yours has this reference.')
				}
			}
		},
		'/claims/{reference}/plans': {
			get: {
				operationId: 'getClaimPlans',
				summary: 'Payment plans that cover the claim, with their instalments',
				parameters: [referenceParam],
				responses: {
					'200': { description: 'The plans.', headers: rateHeaders, content: { 'application/json': { schema: ref('ClaimPlans') } } },
					...auth,
					'404': problem('No claim of yours has this reference.')
				}
			}
		},
		'/events': eventsPath({ rateHeaders, auth, problem })
	},
	webhooks,
	components: {
		securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API key from the console: `clt_` and 43 characters.' } },
		schemas: {
			...eventComponents,
			DebtorInput: {
				type: 'object',
				required: ['customer_ref', 'name'],
				properties: {
					customer_ref: { ...text(64), description: 'Your own customer number; debtors are matched on it.' },
					name: text(200),
					email: { type: 'string', format: 'email', maxLength: 254 },
					phone: {
						type: 'string',
						maxLength: 32,
						description: 'A mobile number (text messages need one), stored as E.164; without a country code it is read as Dutch.'
					},
					preferred_channel: {
						type: 'string',
						enum: ['email', 'sms', 'letter'],
						description: 'How the debtor wants to be reached; needs the matching phone number, e-mail address or postal address.'
					},
					postcode: {
						type: 'string',
						maxLength: 12,
						description:
							'Part of the postal address, and for the optional privacy check. A Dutch one (country NL) is 1234 AB; stored without the space.'
					},
					street: {
						...text(120),
						description: 'Street and house number, one line ("Kerkstraat 12a"). A postal address needs street, postcode and city together.'
					},
					city: text(80),
					country: { type: 'string', pattern: '^[A-Za-z]{2}$', default: 'NL', description: 'ISO 3166-1 alpha-2.' },
					birth_date: { ...date, description: 'For the optional privacy check.' },
					locale: {
						type: 'string',
						enum: [...LOCALES],
						description: "The debtor's language. Absent: the merchant's default language, and on their page the browser's language first."
					},
					tags: {
						type: 'array',
						maxItems: 8,
						items: { type: 'string', pattern: '^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$' },
						description:
							'Labels segment rules can look at, such as business, vulnerable or vip (lowercased on the way in). Sent for a debtor Coulant has already, they replace its tags.'
					}
				}
			},
			ClaimInput: {
				type: 'object',
				required: ['reference', 'description', 'amount_cents', 'issued_on', 'due_on'],
				properties: {
					reference: { ...text(64), description: 'Your own invoice number; unique per merchant; claims are idempotent on it.' },
					description: text(500),
					amount_cents: { type: 'integer', minimum: 1, maximum: 1e13, description: "In the currency's minor unit (cents)." },
					currency: { type: 'string', pattern: '^[A-Z]{3}$', default: 'EUR' },
					issued_on: date,
					due_on: { ...date, description: 'Not before issued_on.' }
				}
			},
			ClaimsRequest: {
				type: 'object',
				required: ['debtor', 'claims'],
				properties: { debtor: ref('DebtorInput'), claims: { type: 'array', minItems: 1, maxItems: 100, items: ref('ClaimInput') } }
			},
			ClaimsResponse: {
				type: 'object',
				required: ['debtor', 'claims', 'link'],
				additionalProperties: false,
				properties: {
					debtor: {
						type: 'object',
						required: ['customer_ref', 'created'],
						additionalProperties: false,
						properties: { customer_ref: { type: 'string' }, created: { type: 'boolean' } }
					},
					claims: {
						type: 'array',
						items: {
							type: 'object',
							required: ['reference', 'created'],
							additionalProperties: false,
							properties: { reference: { type: 'string' }, created: { type: 'boolean', description: 'False: it was there already.' } }
						}
					},
					link: {
						description: 'Only for a new debtor: their personal link. Hand it to them (e-mail, SMS, QR); it is not shown again.',
						oneOf: [
							{ type: 'null' },
							{
								type: 'object',
								required: ['url', 'expires_at'],
								additionalProperties: false,
								properties: { url: { type: ['string', 'null'], format: 'uri' }, expires_at: { type: 'string', format: 'date-time' } }
							}
						]
					}
				}
			},
			Claim: {
				type: 'object',
				required: [
					'reference',
					'customer_ref',
					'description',
					'amount_cents',
					'amount_paid_cents',
					'open_cents',
					'currency',
					'issued_on',
					'due_on',
					'status'
				],
				additionalProperties: false,
				properties: {
					reference: { type: 'string' },
					customer_ref: { type: 'string' },
					description: { type: 'string' },
					amount_cents: { type: 'integer', minimum: 1 },
					amount_paid_cents: { type: 'integer', minimum: 0 },
					open_cents: { type: 'integer', minimum: 0 },
					currency: { type: 'string', pattern: '^[A-Z]{3}$' },
					issued_on: date,
					due_on: date,
					status: { type: 'string', enum: ['open', 'paid', 'recalled'] }
				}
			},
			Debtor: {
				type: 'object',
				required: ['customer_ref', 'name', 'locale', 'balance', 'claims'],
				additionalProperties: false,
				properties: {
					customer_ref: { type: 'string' },
					name: { type: 'string' },
					locale: { type: 'string', enum: [...LOCALES] },
					balance: {
						type: 'array',
						description: 'What is still open, per currency.',
						items: {
							type: 'object',
							required: ['currency', 'amount_cents'],
							additionalProperties: false,
							properties: { currency: { type: 'string' }, amount_cents: { type: 'integer', minimum: 1 } }
						}
					},
					claims: { type: 'array', items: ref('Claim') }
				}
			},
			PaidRequest: {
				type: 'object',
				properties: {
					paid_on: { ...date, description: 'The day the debtor paid you; today when left out.' },
					amount_cents: { type: 'integer', minimum: 1, maximum: 1e13, description: 'What was paid; left out: all that is open.' },
					reason: { ...text(500), description: 'For the timeline.' }
				}
			},
			RecallRequest: {
				type: 'object',
				required: ['reason'],
				properties: { reason: { ...text(500), description: 'Why; on the timeline.' } }
			},
			ContactChange: {
				type: 'object',
				minProperties: 1,
				properties: {
					email: nullable({ type: 'string', format: 'email', maxLength: 254 }),
					phone: nullable({
						type: 'string',
						maxLength: 32,
						description: 'A mobile number, stored as E.164; without a country code it is read as Dutch.'
					}),
					street: nullable(text(120)),
					postcode: nullable({ type: 'string', maxLength: 12 }),
					city: nullable(text(80)),
					country: { type: 'string', pattern: '^[A-Za-z]{2}$' },
					locale: { type: 'string', enum: [...LOCALES] },
					preferred_channel: nullable({ type: 'string', enum: ['email', 'sms', 'letter'] })
				}
			},
			DebtorContact: {
				type: 'object',
				required: [
					'customer_ref',
					'name',
					'email',
					'phone',
					'street',
					'postcode',
					'city',
					'country',
					'locale',
					'preferred_channel',
					'changed'
				],
				additionalProperties: false,
				properties: {
					customer_ref: { type: 'string' },
					name: { type: 'string' },
					email: { type: ['string', 'null'] },
					phone: { type: ['string', 'null'] },
					street: { type: ['string', 'null'] },
					postcode: { type: ['string', 'null'] },
					city: { type: ['string', 'null'] },
					country: { type: 'string' },
					locale: { type: 'string', enum: [...LOCALES] },
					preferred_channel: { type: ['string', 'null'], enum: ['email', 'sms', 'letter', null] },
					changed: { type: 'array', items: { type: 'string' }, description: 'The fields this request changed.' }
				}
			},
			ClaimPayments: {
				type: 'object',
				required: ['reference', 'payments'],
				additionalProperties: false,
				properties: {
					reference: { type: 'string' },
					payments: {
						type: 'array',
						items: {
							type: 'object',
							required: ['id', 'status', 'amount_cents', 'currency', 'method', 'purpose', 'charged_back_cents', 'created_at', 'paid_at'],
							additionalProperties: false,
							properties: {
								id: { type: 'string' },
								status: { type: 'string', enum: ['open', 'pending', 'authorized', 'paid', 'failed', 'canceled', 'expired'] },
								amount_cents: { type: 'integer', minimum: 1 },
								currency: { type: 'string' },
								method: { type: ['string', 'null'] },
								purpose: { type: 'string', enum: ['balance', 'instalment'] },
								charged_back_cents: { type: 'integer', minimum: 0 },
								created_at: { type: 'string', format: 'date-time' },
								paid_at: { type: ['string', 'null'], format: 'date-time' }
							}
						}
					}
				}
			},
			ClaimPlans: {
				type: 'object',
				required: ['reference', 'plans'],
				additionalProperties: false,
				properties: {
					reference: { type: 'string' },
					plans: {
						type: 'array',
						items: {
							type: 'object',
							required: ['id', 'status', 'collection', 'frequency', 'terms', 'total_cents', 'currency', 'created_at', 'instalments'],
							additionalProperties: false,
							properties: {
								id: { type: 'string' },
								status: { type: 'string', enum: ['proposed', 'active', 'at_risk', 'broken', 'completed', 'canceled'] },
								collection: { type: 'string', enum: ['direct_debit', 'pay_by_link'] },
								frequency: { type: 'string' },
								terms: { type: 'integer', minimum: 1 },
								total_cents: { type: 'integer', minimum: 1 },
								currency: { type: 'string' },
								created_at: { type: 'string', format: 'date-time' },
								instalments: {
									type: 'array',
									items: {
										type: 'object',
										required: ['number', 'due_on', 'amount_cents', 'status', 'paid_at'],
										additionalProperties: false,
										properties: {
											number: { type: 'integer', minimum: 1 },
											due_on: date,
											amount_cents: { type: 'integer', minimum: 1 },
											status: { type: 'string', enum: ['scheduled', 'pending', 'paid', 'missed'] },
											paid_at: { type: ['string', 'null'], format: 'date-time' }
										}
									}
								}
							}
						}
					}
				}
			},
			Problem: {
				type: 'object',
				required: ['type', 'title', 'status', 'detail'],
				properties: {
					type: { type: 'string', format: 'uri', description: `One of: ${Object.keys(PROBLEMS).join(', ')} (under /api/v1/problems/).` },
					title: { type: 'string' },
					status: { type: 'integer' },
					detail: { type: 'string' },
					instance: { type: 'string' },
					retry_after: {
						type: 'integer',
						minimum: 1,
						description: 'With rate_limited: seconds until the key may send again (as Retry-After).'
					},
					invalid_params: {
						type: 'array',
						items: {
							type: 'object',
							required: ['name', 'pointer', 'reason'],
							additionalProperties: false,
							properties: {
								name: { type: 'string', examples: ['claims.0.amount_cents'] },
								pointer: { type: 'string', description: 'JSON Pointer into the body.' },
								reason: { type: 'string' }
							}
						}
					}
				}
			}
		}
	}
} as const;
