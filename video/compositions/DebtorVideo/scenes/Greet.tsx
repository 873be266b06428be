// Personal: the debtor greeted by name, as the page greets them.
import type { PersonalCopy } from '../../../script';
import { Enter, fitSize, wrap } from '../ui';

export function Greet({ copy, ink }: { copy: PersonalCopy; ink: string }) {
	return (
		<div style={{ display: 'flex', flexDirection: 'column', gap: 36 }}>
			<Enter>
				<h1
					style={{
						...wrap,
						fontSize: fitSize(copy.greeting, { max: 104, min: 48, lines: 3 }),
						fontWeight: 800,
						lineHeight: 1.05,
						color: ink
					}}
				>
					{copy.greeting}
				</h1>
			</Enter>
			<Enter delay={8}>
				<p style={{ ...wrap, fontSize: fitSize(copy.subtitle, { max: 44, min: 30, lines: 4 }), lineHeight: 1.3, opacity: 0.92 }}>
					{copy.subtitle}
				</p>
			</Enter>
		</div>
	);
}
