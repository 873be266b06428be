// A merchant row as the debtor sees it.
import type { Brand } from '../../domain/brand';

type BrandFields = {
	id: string;
	displayName: string;
	brandColor: string;
	accentColor: string;
	logoHash: string | null;
	contactEmail: string | null;
	contactPhone: string | null;
	contactHours: string | null;
	website: string | null;
};

export function toBrand(m: BrandFields): Brand {
	return {
		displayName: m.displayName,
		brandColor: m.brandColor,
		accentColor: m.accentColor,
		logoUrl: m.logoHash ? `/brand/${m.id}/logo/${m.logoHash}` : null,
		contactEmail: m.contactEmail,
		contactPhone: m.contactPhone,
		contactHours: m.contactHours,
		website: m.website
	};
}
