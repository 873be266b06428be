// NLP.js ships no types; only what nlu.ts uses.
declare module '@nlpjs/core' {
	export function containerBootstrap(): Promise<{
		use(plugin: unknown): void;
		get(name: string): any; // eslint-disable-line @typescript-eslint/no-explicit-any
		registerConfiguration(tag: string, settings: Record<string, unknown>, overwrite?: boolean): void;
	}>;
}
declare module '@nlpjs/nlp' {
	export const Nlp: unknown;
}
declare module '@nlpjs/lang-nl' {
	export const LangNl: unknown;
}
declare module '@nlpjs/lang-en' {
	export const LangEn: unknown;
}
