// The stand-in's authorize step works as a plain form, like its checkout.
export const csr = false;
