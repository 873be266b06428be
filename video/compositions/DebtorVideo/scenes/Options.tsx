// Shared: the options this merchant's policy offers (or a way to a person when it offers none).
import type { Option, SharedCopy } from '../../../script';
import { Enter, INK, PAPER, fitSize, readableOn, wrap } from '../ui';

export function Options({ copy, ink, accent }: { copy: SharedCopy; ink: string; accent: string }) {
	return (
		<div style={{ display: 'flex', flexDirection: 'column', gap: 20 }}>
			<Enter>
				<h2
					style={{
						...wrap,
						fontSize: fitSize(copy.optionsTitle, { max: 58, min: 40, lines: 2 }),
						fontWeight: 800,
						lineHeight: 1.1,
						color: ink
					}}
				>
					{copy.optionsTitle}
				</h2>
			</Enter>
			{copy.noOptions ? (
				<Enter delay={8}>
					<p style={{ ...wrap, backgroundColor: PAPER, color: INK, borderRadius: 28, padding: 36, fontSize: 38, lineHeight: 1.3 }}>
						{copy.noOptions}
					</p>
				</Enter>
			) : (
				copy.options.map((o, i) => (
					<Enter key={o.kind} delay={10 + i * 12}>
						<div
							style={{
								display: 'flex',
								gap: 24,
								alignItems: 'center',
								backgroundColor: PAPER,
								color: INK,
								borderRadius: 28,
								padding: '24px 28px'
							}}
						>
							<Icon kind={o.kind} accent={accent} />
							<div style={{ minWidth: 0 }}>
								<p style={{ ...wrap, fontSize: 40, fontWeight: 700, lineHeight: 1.15 }}>{o.title}</p>
								<p
									style={{
										...wrap,
										fontSize: fitSize(o.body, { max: 30, min: 26, width: 440, lines: 2 }),
										lineHeight: 1.3,
										color: '#3d4650',
										marginTop: 6
									}}
								>
									{o.body}
								</p>
							</div>
						</div>
					</Enter>
				))
			)}
		</div>
	);
}

function Icon({ kind, accent }: { kind: Option['kind']; accent: string }) {
	const fg = readableOn(accent);
	const path = {
		pay: <path d="M14 25 l8 8 l16 -18" fill="none" stroke={fg} strokeWidth="5" strokeLinecap="round" strokeLinejoin="round" />,
		plan: (
			<g fill={fg}>
				<rect x="11" y="28" width="7" height="10" rx="2" />
				<rect x="21" y="21" width="7" height="17" rx="2" />
				<rect x="31" y="13" width="7" height="25" rx="2" />
			</g>
		),
		time: (
			<g fill="none" stroke={fg} strokeWidth="4.5" strokeLinecap="round">
				<circle cx="25" cy="25" r="14" />
				<path d="M25 17 v9 l6 4" />
			</g>
		)
	}[kind];
	return (
		<svg width="72" height="72" viewBox="0 0 50 50" style={{ flexShrink: 0 }} aria-hidden>
			<circle cx="25" cy="25" r="25" fill={accent} />
			{path}
		</svg>
	);
}
