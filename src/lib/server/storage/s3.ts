// Objects in S3-compatible storage (AWS S3, MinIO, Garage, Ceph, R2) through the official AWS SDK, under a key prefix.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import {
	CopyObjectCommand,
	DeleteObjectCommand,
	GetObjectCommand,
	HeadObjectCommand,
	ListObjectsV2Command,
	PutObjectCommand,
	S3Client,
	S3ServiceException
} from '@aws-sdk/client-s3';
import type { S3Config } from '../config';
import { checkedKey, type Listed, type ObjectStore } from './store';

/** A touch is kept as metadata: object storage sets the modified time itself, only on a write. */
const TOUCHED = 'touched-at';

const missing = (e: unknown) =>
	e instanceof S3ServiceException && (e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata.httpStatusCode === 404);

export function s3Client(c: S3Config): S3Client {
	return new S3Client({
		endpoint: c.endpoint,
		region: c.region,
		credentials: c.credentials,
		forcePathStyle: c.forcePathStyle,
		// Checksums only where S3 requires them: servers other than AWS (older MinIO, Ceph, Garage, test servers) refuse
		// the SDK's newer default of streamed trailing checksums.
		requestChecksumCalculation: 'WHEN_REQUIRED',
		responseChecksumValidation: 'WHEN_REQUIRED'
	});
}

/** The objects under `prefix` (such as `media/`) in the configured bucket. */
export function s3Objects(c: S3Config, prefix: string, client = s3Client(c)): ObjectStore {
	const Bucket = c.bucket;
	const full = c.prefix + prefix;
	const Key = (key: string) => full + checkedKey(key);
	const head = async (key: string) => {
		try {
			return await client.send(new HeadObjectCommand({ Bucket, Key: Key(key) }));
		} catch (e) {
			if (missing(e)) return null;
			throw e;
		}
	};
	return {
		kind: 's3',
		async put(key, body, options = {}) {
			const Body = body instanceof Uint8Array ? body : createReadStream(body.path);
			const ContentLength = body instanceof Uint8Array ? body.byteLength : (await stat(body.path)).size;
			await client.send(new PutObjectCommand({ Bucket, Key: Key(key), Body, ContentLength, ContentType: options.contentType }));
		},
		async head(key) {
			const h = await head(key);
			if (!h) return null;
			const touched = Number(h.Metadata?.[TOUCHED] ?? 0);
			return { bytes: h.ContentLength ?? 0, modifiedMs: Math.max(h.LastModified?.getTime() ?? 0, touched) };
		},
		async get(key, range) {
			try {
				const r = await client.send(
					new GetObjectCommand({ Bucket, Key: Key(key), Range: range ? `bytes=${range.start}-${range.end}` : undefined })
				);
				return r.Body ? r.Body.transformToWebStream() : null;
			} catch (e) {
				if (missing(e)) return null;
				throw e;
			}
		},
		async delete(key) {
			// S3 answers 204 for a key that is not there.
			await client.send(new DeleteObjectCommand({ Bucket, Key: Key(key) }));
		},
		async list(sub = '') {
			const out: Listed[] = [];
			let ContinuationToken: string | undefined;
			do {
				const page = await client.send(new ListObjectsV2Command({ Bucket, Prefix: full + sub, ContinuationToken }));
				for (const o of page.Contents ?? []) {
					if (o.Key) out.push({ key: o.Key.slice(full.length), bytes: o.Size ?? 0, modifiedMs: o.LastModified?.getTime() ?? 0 });
				}
				ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
			} while (ContinuationToken);
			return out;
		},
		async touch(key, at = new Date()) {
			const h = await head(key);
			if (!h) return;
			// A copy onto itself with new metadata: the one way S3 changes an object without sending it again.
			await client.send(
				new CopyObjectCommand({
					Bucket,
					Key: Key(key),
					CopySource: `${Bucket}/${Key(key).split('/').map(encodeURIComponent).join('/')}`,
					MetadataDirective: 'REPLACE',
					ContentType: h.ContentType,
					Metadata: { ...h.Metadata, [TOUCHED]: String(at.getTime()) }
				})
			);
		}
	};
}
