// A small JSON Schema (2020-12 subset) check, enough to hold the API's real answers against its OpenAPI document.
type Schema = Record<string, unknown>;

const FORMATS: Record<string, (v: string) => boolean> = {
	date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)),
	'date-time': (v) => /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v)),
	uri: (v) => URL.canParse(v),
	email: (v) => /^[^@\s]+@[^@\s]+$/.test(v)
};

function typeOf(v: unknown): string {
	if (v === null) return 'null';
	if (Array.isArray(v)) return 'array';
	if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
	return typeof v;
}

function validate(root: Schema, schema: Schema, value: unknown, path = '$'): string[] {
	if (typeof schema.$ref === 'string') {
		const target = schema.$ref
			.replace(/^#\//, '')
			.split('/')
			.reduce<unknown>((o, k) => (o as Schema)?.[k], root);
		if (!target) return [`${path}: unresolved ${schema.$ref}`];
		return validate(root, target as Schema, value, path);
	}
	const errors: string[] = [];
	if (schema.oneOf) {
		const matching = (schema.oneOf as Schema[]).filter((s) => validate(root, s, value, path).length === 0);
		if (matching.length !== 1) errors.push(`${path}: matches ${matching.length} of oneOf`);
	}
	if (schema.type) {
		const types = ([] as string[]).concat(schema.type as string);
		const actual = typeOf(value);
		if (!types.includes(actual) && !(actual === 'integer' && types.includes('number')))
			return [...errors, `${path}: ${actual} is not ${types.join('|')}`];
	}
	if (schema.enum && !(schema.enum as unknown[]).includes(value)) errors.push(`${path}: ${JSON.stringify(value)} not in enum`);
	if (typeof value === 'string') {
		if (typeof schema.minLength === 'number' && value.length < schema.minLength) errors.push(`${path}: shorter than ${schema.minLength}`);
		if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) errors.push(`${path}: longer than ${schema.maxLength}`);
		if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value))
			errors.push(`${path}: does not match ${schema.pattern}`);
		const format = FORMATS[schema.format as string];
		if (format && !format(value)) errors.push(`${path}: not a ${schema.format}`);
	}
	if (typeof value === 'number') {
		if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${path}: below ${schema.minimum}`);
		if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${path}: above ${schema.maximum}`);
	}
	if (Array.isArray(value)) {
		if (typeof schema.minItems === 'number' && value.length < schema.minItems) errors.push(`${path}: fewer than ${schema.minItems} items`);
		if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) errors.push(`${path}: more than ${schema.maxItems} items`);
		if (schema.items) value.forEach((item, i) => errors.push(...validate(root, schema.items as Schema, item, `${path}[${i}]`)));
	}
	if (value && typeof value === 'object' && !Array.isArray(value)) {
		const props = (schema.properties ?? {}) as Record<string, Schema>;
		for (const key of (schema.required ?? []) as string[]) if (!(key in value)) errors.push(`${path}: missing ${key}`);
		for (const [key, v] of Object.entries(value)) {
			if (props[key]) errors.push(...validate(root, props[key], v, `${path}.${key}`));
			else if (schema.additionalProperties === false) errors.push(`${path}: unexpected ${key}`);
		}
	}
	return errors;
}

type Header = { required?: boolean; schema?: Schema };
type OpenApi = {
	paths: Record<
		string,
		Record<string, { responses: Record<string, { headers?: Record<string, Header>; content?: Record<string, { schema: Schema }> }> }>
	>;
};

/** Problems with a real response against the OpenAPI document: undocumented status or type, or a body that does not fit. */
export async function checkResponse(doc: OpenApi, method: string, template: string, response: Response): Promise<string[]> {
	const operation = doc.paths[template]?.[method.toLowerCase()];
	if (!operation) return [`${method} ${template} is not documented`];
	const documented = operation.responses[String(response.status)];
	if (!documented) return [`${method} ${template}: status ${response.status} is not documented`];
	const type = (response.headers.get('content-type') ?? '').split(';')[0];
	const content = documented.content?.[type];
	if (!content) return [`${method} ${template} ${response.status}: content type ${type} is not documented`];
	const errors: string[] = [];
	for (const [name, header] of Object.entries(documented.headers ?? {})) {
		const value = response.headers.get(name);
		if (value === null) {
			if (header.required) errors.push(`${method} ${template} ${response.status}: header ${name} is missing`);
			continue;
		}
		// Header values are text: an integer header is checked as one.
		const typed = header.schema?.type === 'integer' && /^-?\d+$/.test(value) ? Number(value) : value;
		if (header.schema) errors.push(...validate(doc as unknown as Schema, header.schema, typed, `header ${name}`));
	}
	return [...errors, ...validate(doc as unknown as Schema, content.schema, await response.clone().json())];
}

/** Problems with a value against a schema of the document (e.g. `#/components/schemas/Event`): for webhook bodies. */
export function checkValue(doc: object, ref: string, value: unknown): string[] {
	return validate(doc as Schema, { $ref: ref }, value);
}
