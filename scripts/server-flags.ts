// The V8 flags the production server runs with (package.json "config.serverNodeFlags", which `npm start`,
// `npm run serve` and `npm run worker` pass to node): the benchmarks and end-to-end tests start it the same way.
//
// --no-allocation-site-pretenuring: while a large CSV import runs, V8 decides to allocate the objects of
//   each parsed row straight into the old generation (their first rows outlive a scavenge), where they pile
//   up as garbage until a full collection; measured with bench:import, this made peak memory grow with the file.
// --max-semi-space-size=16: a young generation of at most 2 × 16 MB instead of V8's default, which lets
//   it grow to 2 × 64 MB under a steady stream of short-lived objects.
import { readFileSync } from 'node:fs';

export function serverNodeFlags(): string[] {
	const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { config: { serverNodeFlags: string } };
	return pkg.config.serverNodeFlags.split(/\s+/).filter(Boolean);
}
