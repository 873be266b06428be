// How a merchant presents itself to its debtors.
export type Brand = {
	displayName: string;
	brandColor: string;
	accentColor: string;
	logoUrl: string | null;
	contactEmail: string | null;
	contactPhone: string | null;
	contactHours: string | null;
	website: string | null;
};
