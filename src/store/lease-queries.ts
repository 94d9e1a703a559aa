// Named leases in the store: one holder at a time for work only one worker may do (the chat front
// ends' gateway and Socket Mode connections). Taking or renewing is one atomic upsert, so N workers
// on one database agree without a coordinator; a dead holder's lease lapses at its expiry.
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

/** Takes the lease (free, lapsed, or already ours) until `now + ttlMs`; false while another holds it. */
export async function acquireLease(db: Db, name: string, owner: string, now: Date, ttlMs: number): Promise<boolean> {
  const row = await db
    .insertInto('leases')
    .values({ name, owner, until: now.getTime() + ttlMs })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet((eb) => ({ owner: eb.ref('excluded.owner'), until: eb.ref('excluded.until') }))
        .where((eb) => eb.or([eb('leases.owner', '=', owner), eb('leases.until', '<', now.getTime())])),
    )
    .returning('owner')
    .executeTakeFirst();
  return row?.owner === owner;
}

/** Gives the lease up (when held by `owner`): another worker may take it at once. */
export async function releaseLease(db: Db, name: string, owner: string): Promise<void> {
  await db.deleteFrom('leases').where('name', '=', name).where('owner', '=', owner).execute();
}
