// Debtor-facing pages render on the server and ship no JavaScript of their own: readable at once on any phone,
// and every action is a plain form. (The console, by contrast, hydrates.)
export const csr = false;
