// The little of mt940js (which ships no types) that bank/mt940.ts uses.
declare module 'mt940js' {
	export type Transaction = {
		date: Date;
		entryDate?: Date;
		amount: number;
		isReversal: boolean;
		currency: string;
		reference: string;
		bankReference: string;
		details: string;
		structuredDetails?: Record<string, string>;
	};
	export type Statement = { accountIdentification: string; currency: string; transactions: Transaction[] };
	export class Parser {
		parse(data: string, withTags?: boolean): Statement[];
	}
	const mt940js: { Parser: typeof Parser };
	export default mt940js;
}
