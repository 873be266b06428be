// Personal: what is open — the amount, how many invoices, since when, and their own "from € Y per month".
import type { PersonalCopy } from '../../../script';
import { Enter, PAPER, INK, fitSize, readableOn, wrap } from '../ui';

export function Open({ copy, accent }: { copy: PersonalCopy; accent: string }) {
	return (
		<div style={{ display: 'flex', flexDirection: 'column', gap: 28 }}>
			<Enter>
				<p style={{ ...wrap, fontSize: 44, fontWeight: 600 }}>{copy.openTitle}</p>
			</Enter>
			<Enter delay={5}>
				<div style={{ backgroundColor: PAPER, color: INK, borderRadius: 32, padding: '40px 40px 36px' }}>
					<p
						style={{
							margin: 0,
							whiteSpace: 'nowrap',
							fontWeight: 800,
							letterSpacing: -1,
							lineHeight: 1.05,
							fontVariantNumeric: 'tabular-nums',
							fontSize: fitSize(copy.amount, { max: 112, min: 40, width: 512, lines: 1 })
						}}
					>
						{copy.amount}
					</p>
					<p
						style={{
							...wrap,
							marginTop: 20,
							fontSize: fitSize(copy.facts, { max: 36, min: 26, width: 512, lines: 2 }),
							lineHeight: 1.3,
							color: '#3d4650'
						}}
					>
						{copy.facts}
					</p>
				</div>
			</Enter>
			{copy.monthly ? (
				<Enter delay={14}>
					<p
						style={{
							...wrap,
							display: 'inline-block',
							backgroundColor: accent,
							color: readableOn(accent),
							borderRadius: 24,
							padding: '20px 28px',
							fontSize: fitSize(copy.monthly, { max: 36, min: 26, width: 530, lines: 2 }),
							fontWeight: 700,
							lineHeight: 1.25
						}}
					>
						{copy.monthly}
					</p>
				</Enter>
			) : null}
		</div>
	);
}
