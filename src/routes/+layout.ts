// Debtor-facing pages render on the server and ship no JavaScript: readable at once on any phone.
export const csr = false;
