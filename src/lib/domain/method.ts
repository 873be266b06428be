// How payment methods are called in front of a debtor (Mollie's ids are not for people).
const NAMES: Record<string, string> = {
	ideal: 'iDEAL',
	bancontact: 'Bancontact',
	creditcard: 'Creditcard',
	directdebit: 'SEPA-incasso',
	banktransfer: 'Overboeking',
	paypal: 'PayPal'
};

export function methodName(id: string | null): string | null {
	if (!id) return null;
	return id
		.split(',')
		.map((part) => NAMES[part] ?? part)
		.join(', ');
}
