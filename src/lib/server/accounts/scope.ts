// Who acts in the console: the signed-in user, their merchant and role. It comes from the session (see
// session.ts and handle.ts) and from nowhere else, so every console query is scoped to that merchant.
import type { Role } from '../db/schema';

export type Scope = { merchantId: string; userId: string; role: Role };
