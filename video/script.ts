// The video's script: which scenes, when, and what they say — the same words on screen, in the captions and
// in the page's transcript. Pure; the composition, the server and the tests all build it from the props.
import { formatDay } from '../src/lib/domain/format';
import { formatMoney } from '../src/lib/domain/money';
import type { PersonalVideoProps, SharedVideoProps, VideoProps } from '../src/lib/schemas/video';
import { say } from './copy';

export const COMPOSITION_ID = 'DebtorVideo';
export const FPS = 30;
export const WIDTH = 720;
export const HEIGHT = 1280;

export const SCENES = ['greet', 'open', 'options', 'reassure', 'tap'] as const;
export type SceneId = (typeof SCENES)[number];
/** The debtor's own scenes come first and are short; everything after them is shared by the merchant's debtors. */
export const PERSONAL_SCENES: readonly SceneId[] = ['greet', 'open'];

const LENGTHS: Record<SharedVideoProps['variant'], Record<SceneId, number>> = {
	full: { greet: 60, open: 90, options: 195, reassure: 120, tap: 135 },
	short: { greet: 15, open: 15, options: 30, reassure: 15, tap: 15 }
};

type Timing = { id: SceneId; from: number; durationInFrames: number };

export function timings(variant: SharedVideoProps['variant']): Timing[] {
	let from = 0;
	return SCENES.map((id) => {
		const t = { id, from, durationInFrames: LENGTHS[variant][id] };
		from += t.durationInFrames;
		return t;
	});
}

export function durationInFrames(variant: SharedVideoProps['variant']): number {
	return SCENES.reduce((n, id) => n + LENGTHS[variant][id], 0);
}

/** Where the personal section ends: frames [0, split) read debtor data, frames [split, end) never do. */
export function personalFrames(variant: SharedVideoProps['variant']): number {
	return PERSONAL_SCENES.reduce((n, id) => n + LENGTHS[variant][id], 0);
}

/** The frame shown as poster: the greeting, fully in. */
export function posterFrame(variant: SharedVideoProps['variant']): number {
	return Math.floor(LENGTHS[variant].greet * 0.75);
}

export type Option = { kind: 'pay' | 'plan' | 'time'; title: string; body: string };

export type PersonalCopy = {
	greeting: string;
	subtitle: string;
	openTitle: string;
	amount: string;
	facts: string;
	monthly: string | null;
};

export type SharedCopy = {
	optionsTitle: string;
	options: Option[];
	/** Shown instead of options when the policy offers none. */
	noOptions: string | null;
	reassureTitle: string;
	reassureBody: string;
	noFees: string;
	tapTitle: string;
	tapBody: string;
	tapContact: string;
};

export function personalCopy(shared: SharedVideoProps, debtor: PersonalVideoProps): PersonalCopy {
	const { locale, tone } = shared;
	const count = say(locale, 'claims_count', { count: debtor.invoices });
	const since = say(locale, 'balance_since', { date: formatDay(debtor.since, locale) });
	return {
		greeting: say(locale, 'greeting', { name: debtor.name }, tone),
		subtitle: say(locale, 'video_greet_sub', { merchant: shared.brand.name }, tone),
		openTitle: say(locale, 'video_open_title'),
		amount: formatMoney(debtor.total, locale),
		facts: `${count} · ${since}`,
		monthly:
			shared.options.instalments && debtor.fromMonthly
				? say(locale, 'video_open_monthly', { amount: formatMoney(debtor.fromMonthly, locale) })
				: null
	};
}

export function sharedCopy(shared: SharedVideoProps): SharedCopy {
	const { locale, tone, options } = shared;
	const offered: Option[] = [];
	if (options.payNow) {
		offered.push({ kind: 'pay', title: say(locale, 'video_option_pay_title'), body: say(locale, 'video_option_pay_body') });
	}
	if (options.instalments) {
		offered.push({
			kind: 'plan',
			title: say(locale, 'video_option_plan_title'),
			body: say(locale, 'video_option_plan_body', {}, tone)
		});
	}
	if (options.moreTimeDays !== null) {
		offered.push({
			kind: 'time',
			title: say(locale, 'video_option_time_title'),
			body: say(locale, 'video_option_time_body', { days: options.moreTimeDays })
		});
	}
	return {
		optionsTitle: say(locale, 'video_options_title', {}, tone),
		options: offered,
		noOptions: offered.length === 0 ? say(locale, 'video_options_none', {}, tone) : null,
		reassureTitle: say(locale, 'video_reassure_title', {}, tone),
		reassureBody: say(locale, 'video_reassure_body', {}, tone),
		noFees: say(locale, 'no_fees'),
		tapTitle: say(locale, 'video_tap_title', {}, tone),
		tapBody: say(locale, 'video_tap_body'),
		tapContact: say(locale, 'video_tap_contact', { merchant: shared.brand.name }, tone)
	};
}

export type Cue = { startFrame: number; endFrame: number; text: string };

/** What each scene says, as caption cues of one or two lines, in scene order. */
export function cues(props: VideoProps): Cue[] {
	if (!props.debtor) throw new Error('Captions are per debtor: props.debtor is missing');
	const p = personalCopy(props, props.debtor);
	const s = sharedCopy(props);
	const said: Record<SceneId, string[][]> = {
		greet: [[p.greeting, p.subtitle]],
		open: [[p.openTitle, p.amount], p.monthly ? [p.facts, p.monthly] : [p.facts]],
		options: s.noOptions ? [[s.optionsTitle], [s.noOptions]] : [[s.optionsTitle], ...s.options.map((o) => [`${o.title}: ${o.body}`])],
		reassure: [[s.reassureTitle, s.reassureBody], [s.noFees]],
		tap: [[s.tapTitle, s.tapBody], [s.tapContact]]
	};
	return timings(props.variant).flatMap((t) => {
		const parts = said[t.id];
		const step = Math.floor(t.durationInFrames / parts.length);
		return parts.map((lines, i) => ({
			startFrame: t.from + i * step,
			endFrame: i === parts.length - 1 ? t.from + t.durationInFrames : t.from + (i + 1) * step,
			text: lines.join('\n')
		}));
	});
}

/** The plain-text transcript under the video: the same cues, as paragraphs. */
export function transcript(props: VideoProps): string[] {
	// Lines that are titles on screen get a full stop when read as running text.
	return cues(props).map((c) =>
		c.text
			.split('\n')
			.map((l, i, all) => (i < all.length - 1 && !/[.,:;!?]$/.test(l) ? `${l}.` : l))
			.join(' ')
	);
}

function timestamp(frame: number): string {
	const ms = Math.round((frame / FPS) * 1000);
	const pad = (n: number, w = 2) => String(n).padStart(w, '0');
	return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}`;
}

/** WebVTT captions from the same script. Cue text is escaped: names may contain `<` or `&`. */
export function webVtt(props: VideoProps): string {
	const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
	const body = cues(props)
		.map((c, i) => `${i + 1}\n${timestamp(c.startFrame)} --> ${timestamp(c.endFrame)}\n${escape(c.text)}`)
		.join('\n\n');
	return `WEBVTT\n\n${body}\n`;
}
