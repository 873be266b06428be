// GET /api/v1/claims/{reference}/evidence: the evidence pack sealed when the claim was handed over, as a ZIP, with
// the head of its hash chain in a header so the caller can keep it apart from the pack.
import { claimReference } from '../../schemas/claims';
import * as handovers from '../handover/queries';
import { withKey, type ApiContext } from './handlers';
import { ProblemError } from './problem';

export function getEvidence(ctx: ApiContext, request: Request, reference: string) {
	return withKey(ctx, request, async (caller) => {
		const ref = claimReference.safeParse(reference);
		const pack = ref.success ? await handovers.packForClaim(ctx.db, caller.merchantId, ref.data) : undefined;
		if (!pack) throw new ProblemError('not_found', 'No claim of yours with this reference has been handed over.');
		return new Response(new Uint8Array(pack.evidence), {
			status: 200,
			headers: {
				'content-type': 'application/zip',
				'content-disposition': `attachment; filename="evidence-${pack.id}.zip"`,
				'cache-control': 'no-store',
				'x-evidence-head': pack.head,
				'x-evidence-sha256': pack.sha256
			}
		});
	});
}
