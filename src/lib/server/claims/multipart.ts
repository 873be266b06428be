// Streams one file field out of a multipart/form-data body, without holding the upload in memory.
const CRLF2 = Buffer.from('\r\n\r\n');

export function boundaryOf(contentType: string | null): string | null {
	const m = /^multipart\/form-data\s*;.*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType ?? '');
	return m ? (m[1] ?? m[2]) : null;
}

/**
 * Yields the bytes of the part named `field` as they arrive; other parts are skipped. Only a tail as long as
 * the boundary is held back between chunks, so memory stays the size of one chunk whatever the file's size.
 * Yields nothing when the field is not there; throws on a body that ends before its closing boundary.
 */
export async function* filePart(
	body: AsyncIterable<Uint8Array>,
	boundary: string,
	field: string,
	seen: { filename?: string } = {}
): AsyncGenerator<Buffer> {
	const delimiter = Buffer.from(`\r\n--${boundary}`);
	// The first boundary has no CRLF before it: pretend there was one.
	let buf: Buffer = Buffer.from('\r\n');
	let state: 'preamble' | 'headers' | 'body' | 'skip' = 'preamble';
	for await (const chunk of body) {
		buf = buf.length ? Buffer.concat([buf, chunk]) : Buffer.from(chunk);
		for (;;) {
			if (state === 'preamble' || state === 'skip') {
				const at = buf.indexOf(delimiter);
				if (at < 0) {
					buf = buf.subarray(Math.max(0, buf.length - delimiter.length));
					break;
				}
				buf = buf.subarray(at + delimiter.length);
				state = 'headers';
			}
			if (state === 'headers') {
				if (buf.length < 2) break;
				if (buf[0] === 0x2d && buf[1] === 0x2d) return; // "--": the closing boundary
				const end = buf.indexOf(CRLF2);
				if (end < 0) {
					if (buf.length > 16 * 1024) throw new Error('multipart: part headers too long');
					break;
				}
				const headers = buf.subarray(0, end).toString('utf8');
				buf = buf.subarray(end + CRLF2.length);
				const name = /content-disposition:[^\r\n]*;\s*name="([^"]*)"/i.exec(headers)?.[1];
				state = name === field ? 'body' : 'skip';
				if (state === 'body') seen.filename = /filename="([^"]*)"/i.exec(headers)?.[1];
				continue;
			}
			if (state === 'body') {
				const at = buf.indexOf(delimiter);
				if (at >= 0) {
					if (at > 0) yield buf.subarray(0, at);
					return;
				}
				const safe = buf.length - delimiter.length;
				if (safe > 0) {
					yield buf.subarray(0, safe);
					buf = Buffer.from(buf.subarray(safe));
				}
				break;
			}
		}
	}
	// Every complete body returns at its closing boundary.
	throw new Error('multipart: the upload ended early');
}
