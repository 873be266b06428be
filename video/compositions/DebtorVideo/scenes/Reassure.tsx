// Shared: reassurance — it can be solved, and nothing is added by this page.
import type { SharedCopy } from '../../../script';
import { Enter, fitSize, wrap } from '../ui';

export function Reassure({ copy, ink }: { copy: SharedCopy; ink: string }) {
	return (
		<div style={{ display: 'flex', flexDirection: 'column', gap: 32 }}>
			<Enter>
				<h2
					style={{
						...wrap,
						fontSize: fitSize(copy.reassureTitle, { max: 84, min: 48, lines: 2 }),
						fontWeight: 800,
						lineHeight: 1.08,
						color: ink
					}}
				>
					{copy.reassureTitle}
				</h2>
			</Enter>
			<Enter delay={8}>
				<p style={{ ...wrap, fontSize: 46, lineHeight: 1.3 }}>{copy.reassureBody}</p>
			</Enter>
			<Enter delay={20}>
				<p style={{ ...wrap, fontSize: 34, lineHeight: 1.3, opacity: 0.9 }}>{copy.noFees}</p>
			</Enter>
		</div>
	);
}
