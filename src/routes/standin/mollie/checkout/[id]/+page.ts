// The stand-in's hosted checkout works as a plain form, like the debtor pages that lead to it.
export const csr = false;
