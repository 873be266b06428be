// The personalised video: the debtor's own scenes first, then the merchant's shared ones, under one brand frame.
import type { ReactNode } from 'react';
import { AbsoluteFill, Img, Sequence, useCurrentFrame, useVideoConfig } from 'remotion';
import type { VideoProps } from '../../../src/lib/schemas/video';
import { personalCopy, sharedCopy, timings, type SceneId } from '../../script';
import { Greet } from './scenes/Greet';
import { Open } from './scenes/Open';
import { Options } from './scenes/Options';
import { Reassure } from './scenes/Reassure';
import { Tap } from './scenes/Tap';
import { FONT, PAD, fitSize, readableOn, wrap } from './ui';
import { loadFonts } from './fonts';
import { dirOf } from '../../../src/lib/schemas/locale';

loadFonts();

export function DebtorVideo(props: VideoProps) {
	const { brand } = props;
	const ink = readableOn(brand.color);
	const shared = sharedCopy(props);
	// Null while the shared scenes render alone: the personal scenes are then outside the frame range.
	const personal = props.debtor ? personalCopy(props, props.debtor) : null;
	const scene: Record<SceneId, ReactNode> = {
		greet: personal && <Greet copy={personal} ink={ink} />,
		open: personal && <Open copy={personal} accent={brand.accent} />,
		options: <Options copy={shared} ink={ink} accent={brand.accent} />,
		reassure: <Reassure copy={shared} ink={ink} />,
		tap: <Tap copy={shared} ink={ink} accent={brand.accent} />
	};
	return (
		// Right-to-left languages mirror the whole frame: text, rows and the progress bar's direction.
		<AbsoluteFill dir={dirOf(props.locale)} lang={props.locale} style={{ backgroundColor: brand.color, color: ink, fontFamily: FONT }}>
			<Header name={brand.name} logo={brand.logo} ink={ink} />
			{timings(props.variant).map((t) => (
				<Sequence key={t.id} from={t.from} durationInFrames={t.durationInFrames} layout="none">
					<AbsoluteFill style={{ top: 190, bottom: 130, padding: `0 ${PAD}px`, justifyContent: 'center' }}>{scene[t.id]}</AbsoluteFill>
				</Sequence>
			))}
			<Progress ink={ink} />
		</AbsoluteFill>
	);
}

function Header({ name, logo, ink }: { name: string; logo: string | null; ink: string }) {
	return (
		<div style={{ position: 'absolute', top: 72, insetInline: PAD, display: 'flex', alignItems: 'center', gap: 24 }}>
			{logo ? <Img src={logo} style={{ width: 88, height: 88, borderRadius: 20, flexShrink: 0 }} /> : null}
			<p
				style={{
					...wrap,
					fontSize: fitSize(name, { max: 38, min: 24, width: 460, lines: 2 }),
					fontWeight: 600,
					color: ink,
					lineHeight: 1.15
				}}
			>
				{name}
			</p>
		</div>
	);
}

/** A thin bar that fills over the whole video; it depends on the frame only, never on the debtor. */
function Progress({ ink }: { ink: string }) {
	const frame = useCurrentFrame();
	const { durationInFrames } = useVideoConfig();
	return (
		<div style={{ position: 'absolute', insetInline: PAD, bottom: 64, height: 8, borderRadius: 4, backgroundColor: `${ink}33` }}>
			<div style={{ width: `${((frame + 1) / durationInFrames) * 100}%`, height: '100%', borderRadius: 4, backgroundColor: ink }} />
		</div>
	);
}
