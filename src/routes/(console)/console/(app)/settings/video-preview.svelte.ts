// The video in the settings preview: its first frame and script for the look being tried. The server renders the
// frame on its job queue; while it is being made this asks again after the Retry-After it gives, for a while.
export type VideoState = 'ready' | 'pending' | 'off' | 'failed';
type Answer = { state: Exclude<VideoState, 'failed'>; still: string | null; script: string[] };

const ENDPOINT = '/console/settings/video-preview';
const MAX_TRIES = 30;
const SETTLE_MS = 500;

export class VideoPreview {
	state: VideoState = $state() as VideoState;
	still: string | null = $state(null);
	script: string[] = $state() as string[];
	#asked = 0;
	#timer: ReturnType<typeof setTimeout> | undefined;

	constructor(initial: { state: Exclude<VideoState, 'failed'>; still: string | null; script: string[] }) {
		this.state = initial.state;
		this.still = initial.still;
		this.script = initial.script;
	}

	/** Follows a look (see Look.videoQuery) once typing has settled; an older question's answer is ignored. */
	follow(query: string) {
		this.stop();
		const mine = ++this.#asked;
		this.#timer = setTimeout(() => void this.#ask(mine, query, 0), SETTLE_MS);
	}

	stop() {
		clearTimeout(this.#timer);
	}

	async #ask(mine: number, query: string, tries: number) {
		try {
			const response = await fetch(`${ENDPOINT}?${query}`, { headers: { accept: 'application/json' } });
			if (!response.ok) throw new Error(String(response.status));
			const answer = (await response.json()) as Answer;
			if (mine !== this.#asked) return;
			this.script = answer.script;
			// No frame for this look yet: the brand-coloured placeholder, never the frame of another look.
			this.still = answer.state === 'ready' ? answer.still : null;
			if (answer.state !== 'pending') {
				this.state = answer.state;
				return;
			}
			if (tries >= MAX_TRIES) {
				this.state = 'failed';
				return;
			}
			this.state = 'pending';
			const wait = Number(response.headers.get('retry-after')) || 2;
			this.#timer = setTimeout(() => void this.#ask(mine, query, tries + 1), wait * 1000);
		} catch {
			if (mine === this.#asked) this.state = 'failed';
		}
	}
}
