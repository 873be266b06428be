// Built once at build time and cached by the service worker for when there is no connection.
export const prerender = true;
