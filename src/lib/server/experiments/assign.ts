// Which arm of an experiment a debtor is in: stable (a keyed hash of experiment and debtor), and not to be steered
// by anyone without the installation's secret.
import { armOf, type ArmName } from '../../domain/experiments';
import type { Db } from '../db/client';
import { keyedHash } from '../secrets';

export async function armFor(db: Db, experimentId: string, debtorId: string, shareB = 0.5): Promise<ArmName> {
	return armOf(await keyedHash(db, 'experiment-arm', `${experimentId}:${debtorId}`), shareB);
}
