// Files a debtor sends with a message: PDF, JPEG or PNG up to 5 MB, recognised by their bytes, never by their name.
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, type AttachmentType } from '../../domain/message';

export type AttachmentProblem = 'attachment_empty' | 'attachment_too_large' | 'attachment_wrong_type';
export type CheckedAttachment = { fileName: string; contentType: AttachmentType; sizeBytes: number; sha256: string; content: Uint8Array };

/** Keeps a name that is safe to show and to offer as a download name: no path, no control characters, not too long. */
export function safeFileName(name: string, type: AttachmentType): string {
	const base = name.split(/[\\/]/).pop() ?? '';
	const clean = base
		// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
		.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
		.trim()
		.slice(0, 120);
	const extension = { 'application/pdf': '.pdf', 'image/jpeg': '.jpg', 'image/png': '.png' }[type];
	const stem = clean.replace(/\.[^.]*$/, '') || 'bijlage';
	return `${stem}${extension}`;
}

export async function check(
	name: string,
	bytes: Uint8Array
): Promise<{ ok: true; file: CheckedAttachment } | { ok: false; problem: AttachmentProblem }> {
	if (bytes.length === 0) return { ok: false, problem: 'attachment_empty' };
	if (bytes.length > MAX_ATTACHMENT_BYTES) return { ok: false, problem: 'attachment_too_large' };
	const detected = await fileTypeFromBuffer(bytes);
	const type = ATTACHMENT_TYPES.find((t) => t === detected?.mime);
	if (!type) return { ok: false, problem: 'attachment_wrong_type' };
	return {
		ok: true,
		file: {
			fileName: safeFileName(name, type),
			contentType: type,
			sizeBytes: bytes.length,
			sha256: createHash('sha256').update(bytes).digest('hex'),
			content: bytes
		}
	};
}
