// The look the owner is trying out on the settings page: what the brand and tone forms hold right now, before it is
// saved. The page owns one; the form sections edit it and the phone preview and the video follow it.
import { HEX_COLOUR } from '$lib/domain/contrast';
import { BRAND_FIELDS, type Brand } from '$lib/domain/brand';
import type { Tone } from '$lib/domain/tone';

export type LookFields = {
	displayName: string;
	brandColor: string;
	accentColor: string;
	contactEmail: string;
	contactPhone: string;
	contactHours: string;
	website: string;
	senderName: string;
};

export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml'];
export const LOGO_MAX_BYTES = 1024 * 1024;

export class Look {
	fields: LookFields = $state() as LookFields;
	tone: Tone = $state() as Tone;
	/** A logo chosen but not uploaded yet, as a data: URL (the console's CSP allows those as images). */
	unsavedLogo: string | null = $state(null);
	readonly saved: { displayName: string; brandColor: string; accentColor: string; logoUrl: string | null; tone: Tone };

	/** The video query of the look as the page opened with it. */
	readonly startQuery: string;

	constructor(fields: LookFields, tone: Tone, saved: Look['saved']) {
		this.fields = fields;
		this.tone = tone;
		this.saved = saved;
		this.startQuery = this.videoQuery;
	}

	/** A colour field as the preview shows it: what is typed once it is a colour, else the saved one. */
	colour(name: 'brandColor' | 'accentColor'): string {
		const typed = this.fields[name];
		return HEX_COLOUR.test(typed) ? typed : this.saved[name];
	}

	/** The brand the debtor page would show with this look. */
	get brand(): Brand {
		const f = this.fields;
		return {
			displayName: f.displayName.trim() || this.saved.displayName,
			brandColor: this.colour('brandColor'),
			accentColor: this.colour('accentColor'),
			logoUrl: this.unsavedLogo ?? this.saved.logoUrl,
			contactEmail: f.contactEmail.trim() || null,
			contactPhone: f.contactPhone.trim() || null,
			contactHours: f.contactHours.trim() || null,
			website: /^https?:\/\//i.test(f.website.trim()) ? f.website.trim() : null
		};
	}

	/** Who signs the messages with each link: the sender name, else the name on the page. */
	get sender(): string {
		return this.fields.senderName.trim() || this.fields.displayName.trim() || this.saved.displayName;
	}

	/** What the video depends on, as the video-preview endpoint reads it. */
	get videoQuery(): string {
		// A query string built and returned at once, not state: nothing observes it.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		const params = new URLSearchParams({ tone: this.tone });
		for (const name of ['brandColor', 'accentColor', 'displayName'] as const) {
			const v = this.fields[name].trim();
			if (v) params.set(name, v);
		}
		return params.toString();
	}
}

type Saved = Look['saved'] & Partial<Record<keyof LookFields, string | null>>;

/** The look as saved, or as typed when the brand form was refused (so nothing typed is lost). */
export function lookOf(saved: Saved, typed: Partial<LookFields> | undefined): Look {
	const field = (name: keyof LookFields) => typed?.[name] ?? saved[name] ?? '';
	const fields = Object.fromEntries(FIELD_NAMES.map((name) => [name, field(name)])) as LookFields;
	return new Look(fields, saved.tone, saved);
}

const FIELD_NAMES: readonly (keyof LookFields)[] = BRAND_FIELDS;
