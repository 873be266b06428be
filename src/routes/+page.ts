// The front door: one paragraph, no JavaScript.
export const csr = false;
