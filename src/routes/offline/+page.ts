// Built once at build time and cached by the service worker for when there is no connection; no JavaScript.
export const prerender = true;
export const csr = false;
