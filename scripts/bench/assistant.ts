// npm run bench:assistant — how well the assistant understands Dutch and English on the held-out utterances.
import { evaluate } from '../../src/lib/server/assistant/eval';

const pct = (n: number, d: number) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)} %`);

for (const locale of ['nl', 'en'] as const) {
	const r = await evaluate(locale);
	console.log(`\n== ${locale}: ${r.utterances} utterances ==`);
	console.log(`intent accuracy   ${pct(r.intentAccuracy * r.utterances, r.utterances)}   (target ≥ 90 %)`);
	console.log(`exact dates       ${pct(r.dates.exact, r.dates.checked)} of ${r.dates.checked}   (target ≥ 95 %)`);
	console.log(`exact amounts     ${pct(r.amounts.exact, r.amounts.checked)} of ${r.amounts.checked}   (amounts and counts; target ≥ 95 %)`);
	console.log(`median reply time ${r.medianMs.toFixed(2)} ms   (target ≤ 50 ms)`);
	console.log('confusion (expected → understood):');
	for (const [expected, got] of Object.entries(r.confusion)) {
		const wrong = Object.entries(got).filter(([g]) => g !== expected);
		const line = wrong.map(([g, n]) => `${g} ${n}`).join(', ');
		console.log(`  ${expected.padEnd(13)} ${String(got[expected] ?? 0).padStart(3)} right${line ? `; ${line}` : ''}`);
	}
	if (process.argv.includes('--misses')) for (const m of r.misses) console.log(`  ✗ "${m.text}": ${m.expected} → ${m.got}`);
}
