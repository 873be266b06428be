// The video's own fonts, bundled with it (no font request leaves the renderer): Inter for the Latin scripts,
// latin-ext subset included (Turkish ğ ş ı İ, Polish ą ę ł ń ś ź ż), and Noto Sans Arabic's Arabic subset.
// Rendering waits until every face is loaded, so no frame is drawn in a fallback font.
import { continueRender, delayRender } from 'remotion';
import inter400 from '@fontsource/inter/files/inter-latin-400-normal.woff2';
import inter600 from '@fontsource/inter/files/inter-latin-600-normal.woff2';
import inter700 from '@fontsource/inter/files/inter-latin-700-normal.woff2';
import inter800 from '@fontsource/inter/files/inter-latin-800-normal.woff2';
import interExt400 from '@fontsource/inter/files/inter-latin-ext-400-normal.woff2';
import interExt600 from '@fontsource/inter/files/inter-latin-ext-600-normal.woff2';
import interExt700 from '@fontsource/inter/files/inter-latin-ext-700-normal.woff2';
import interExt800 from '@fontsource/inter/files/inter-latin-ext-800-normal.woff2';
import arabic400 from '@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff2';
import arabic700 from '@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-700-normal.woff2';
import arabic800 from '@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-800-normal.woff2';

export const LATIN = 'Coulant Inter';
export const ARABIC = 'Coulant Noto Sans Arabic';

// The unicode ranges of fontsource's subsets: the browser picks the face per character.
const LATIN_RANGE =
	'U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD';
const LATIN_EXT_RANGE =
	'U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+0304, U+0308, U+0329, U+1D00-1DBF, U+1E00-1E9F, U+1EF2-1EFF, U+2020, U+20A0-20AB, U+20AD-20C0, U+2113, U+2C60-2C7F, U+A720-A7FF';
const ARABIC_RANGE =
	'U+0600-06FF, U+0750-077F, U+0870-088E, U+0890-0891, U+0897-08E1, U+08E3-08FF, U+200C-200E, U+2010-2011, U+204F, U+2E41, U+FB50-FDFF, U+FE70-FE74, U+FE76-FEFC';

const FACES: [family: string, url: string, weight: string, range: string][] = [
	[LATIN, inter400, '400', LATIN_RANGE],
	[LATIN, inter600, '600', LATIN_RANGE],
	[LATIN, inter700, '700', LATIN_RANGE],
	[LATIN, inter800, '800', LATIN_RANGE],
	[LATIN, interExt400, '400', LATIN_EXT_RANGE],
	[LATIN, interExt600, '600', LATIN_EXT_RANGE],
	[LATIN, interExt700, '700', LATIN_EXT_RANGE],
	[LATIN, interExt800, '800', LATIN_EXT_RANGE],
	[ARABIC, arabic400, '400', ARABIC_RANGE],
	[ARABIC, arabic700, '600', ARABIC_RANGE],
	[ARABIC, arabic700, '700', ARABIC_RANGE],
	[ARABIC, arabic800, '800', ARABIC_RANGE]
];

/** The font stack of the video: our own faces first, then what the machine has. */
export const FONT_STACK = `'${LATIN}', '${ARABIC}', 'DejaVu Sans', sans-serif`;

let loading: Promise<unknown> | undefined;

/** Loads every face once per page (the renderer's tab), holding the render until they are in. */
export function loadFonts() {
	if (loading || typeof document === 'undefined') return;
	const handle = delayRender('Loading the video fonts');
	loading = Promise.all(
		FACES.map(async ([family, url, weight, unicodeRange]) => {
			const face = new FontFace(family, `url(${url}) format('woff2')`, { weight, unicodeRange, display: 'block' });
			document.fonts.add(await face.load());
		})
	).then(
		() => {
			// Read by the language test (tests/integration/video-languages.test.ts): which of our faces are in.
			const ours: string[] = [];
			document.fonts.forEach((f) => {
				const family = f.family.replace(/"/g, '');
				if (family.startsWith('Coulant')) ours.push(`${family}:${f.weight}:${f.status}`);
			});
			console.log(`coulant-fonts ${JSON.stringify(ours)}`);
			continueRender(handle);
		},
		(e: unknown) => {
			// A missing font must fail the render, not pass it with the wrong glyphs.
			throw e instanceof Error ? e : new Error(String(e));
		}
	);
}
