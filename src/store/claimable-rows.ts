// The shared WHERE of a claim: pending rows of one destination that are due and not leased, and
// not behind a row that holds the destination's order (leased, or waiting for its retry).
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { ClaimRequest } from './store-dialect.ts';

export function selectClaimableIds(db: Kysely<Database>, request: ClaimRequest) {
  const { destination, now } = request;
  // The first row a later one must not overtake: in flight (leased) or waiting for a retry.
  // Rows merely due later (quiet hours, digests) never block.
  const firstBlocking = db
    .selectFrom('outbox as b')
    .select((eb) => eb.fn.min('b.id').as('id'))
    .where('b.destination', '=', destination)
    .where('b.status', '=', 'pending')
    .where((eb) =>
      eb.or([eb('b.claimed_until', '>=', now), eb.and([eb('b.retrying', '=', 1), eb('b.next_attempt_at', '>', now)])]),
    );
  let query = db
    .selectFrom('outbox')
    .select('id')
    .where('destination', '=', destination)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .where((eb) => eb.or([eb(firstBlocking, 'is', null), eb('id', '<', firstBlocking)]));
  if (request.waitingSince !== undefined) {
    // Waiting since its creation (a retrying row, or one behind it), or since it fell due after a
    // deliberate delay (quiet hours, digest slot): those delays are not the destination being down.
    const since = request.waitingSince;
    query = query.where((eb) => eb(eb.case().when('retrying', '=', 1).then(eb.ref('created_at')).else(eb.ref('next_attempt_at')).end(), '<=', since));
  }
  if (request.kind !== undefined) query = query.where('kind', '=', request.kind);
  return query.orderBy('id').limit(request.limit);
}
