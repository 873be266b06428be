// Liveness check; also the trivial baseline route for `npm run bench:portal`.
export const GET = () => new Response('ok', { headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' } });
