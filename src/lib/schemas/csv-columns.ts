// The import's CSV columns, apart from their checks: the console's import page shows them without loading the
// checks (the phone number metadata alone is 150 KB).
/** The CSV columns, and the Dutch names people may use for them in the header instead. */
export const CSV_COLUMNS = {
	customer_ref: ['klantnummer', 'klant_ref', 'klantreferentie'],
	name: ['naam'],
	email: ['e-mail', 'e-mailadres', 'emailadres'],
	phone: ['telefoon', 'telefoonnummer', 'mobiel'],
	preferred_channel: ['kanaal', 'voorkeurskanaal'],
	street: ['straat', 'adres', 'straat_huisnummer'],
	postcode: ['postcode'],
	city: ['plaats', 'woonplaats'],
	country: ['land'],
	birth_date: ['geboortedatum'],
	locale: ['taal'],
	tags: ['labels'],
	reference: ['kenmerk', 'factuurnummer'],
	description: ['omschrijving'],
	amount: ['bedrag'],
	currency: ['valuta', 'munt'],
	issued_on: ['factuurdatum'],
	due_on: ['vervaldatum']
} as const;
export type CsvColumn = keyof typeof CSV_COLUMNS;
export const REQUIRED_COLUMNS: CsvColumn[] = ['customer_ref', 'name', 'reference', 'description', 'amount', 'issued_on', 'due_on'];
