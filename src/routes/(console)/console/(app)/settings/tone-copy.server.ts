// The settings page's words that change with the tone, made on the server through the one tone helper, so the
// page can switch them live without shipping every message to the browser. Names being typed are left open.
import { toned } from '$lib/copy';
import { greetingName, TONES, type Tone } from '$lib/domain/tone';

/** The preview's sample debtor. */
const SAMPLE_DEBTOR = 'Sanne de Vries';

/** Per tone: how the debtor page opens for a sample debtor, and how messages with a link end. */
export function toneCopy() {
	const per = <T>(make: (tone: Tone) => T) => Object.fromEntries(TONES.map((t) => [t, make(t)])) as Record<Tone, T>;
	return {
		samples: per((tone) => ({
			greeting: toned(tone, 'greeting', { name: greetingName(tone, SAMPLE_DEBTOR) }),
			intro: toned(tone, 'intro', { merchant: '{merchant}' })
		})),
		signoffs: per((tone) => toned(tone, 'link_signoff', { sender: '{sender}' }))
	};
}
