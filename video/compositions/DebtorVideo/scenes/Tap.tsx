// Shared: where to tap next, and who helps with questions.
import { interpolate, useCurrentFrame } from 'remotion';
import type { SharedCopy } from '../../../script';
import { Enter, fitSize, readableOn, wrap } from '../ui';

export function Tap({ copy, ink, accent }: { copy: SharedCopy; ink: string; accent: string }) {
	const frame = useCurrentFrame();
	const bob = interpolate(Math.sin(frame / 5), [-1, 1], [0, 14]);
	return (
		<div style={{ display: 'flex', flexDirection: 'column', gap: 32 }}>
			<Enter>
				<h2
					style={{
						...wrap,
						fontSize: fitSize(copy.tapTitle, { max: 72, min: 44, lines: 3 }),
						fontWeight: 800,
						lineHeight: 1.1,
						color: ink
					}}
				>
					{copy.tapTitle}
				</h2>
			</Enter>
			<Enter delay={8}>
				<p
					style={{
						...wrap,
						display: 'inline-block',
						backgroundColor: accent,
						color: readableOn(accent),
						borderRadius: 24,
						padding: '20px 28px',
						fontSize: 40,
						fontWeight: 700,
						lineHeight: 1.25
					}}
				>
					{copy.tapBody}
				</p>
			</Enter>
			<Enter delay={16}>
				<svg width="80" height="80" viewBox="0 0 40 40" style={{ transform: `translateY(${bob}px)` }} aria-hidden>
					<path d="M20 6 v26 M9 22 l11 11 l11 -11" fill="none" stroke={ink} strokeWidth="4" strokeLinecap="round" strokeLinejoin="round" />
				</svg>
			</Enter>
			<Enter delay={24}>
				<p style={{ ...wrap, fontSize: fitSize(copy.tapContact, { max: 36, min: 26, lines: 3 }), lineHeight: 1.3, opacity: 0.92 }}>
					{copy.tapContact}
				</p>
			</Enter>
		</div>
	);
}
