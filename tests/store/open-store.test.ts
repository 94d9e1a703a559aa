// Which database a store URL selects, and Postgres schema isolation.
import { describe, expect, it } from 'vitest';
import { isPostgresUrl, openStore, sqlitePath } from '../../src/store/open-store.ts';
import { DIALECTS, POSTGRES_SKIP_REASON, useStores } from './dialects.ts';
import { feedSource, T0 } from './fixtures.ts';

describe('store URLs', () => {
  it.each([
    ['postgres://root@127.0.0.1:5432/test', true],
    ['postgresql://u:p@db.internal/wirewatch?sslmode=require', true],
    ['POSTGRES://host/db', true],
    ['data/wirewatch.db', false],
    ['/var/lib/wirewatch/wirewatch.db', false],
    ['sqlite:data/wirewatch.db', false],
    [':memory:', false],
    ['postgres-backup.db', false],
  ])('isPostgresUrl(%j) is %s', (url, expected) => {
    expect(isPostgresUrl(url)).toBe(expected);
  });

  it.each([
    ['data/wirewatch.db', 'data/wirewatch.db'],
    ['sqlite:data/wirewatch.db', 'data/wirewatch.db'],
    ['sqlite://data/wirewatch.db', 'data/wirewatch.db'],
    ['sqlite:///var/lib/w.db', '/var/lib/w.db'],
    ['sqlite::memory:', ':memory:'],
    [':memory:', ':memory:'],
  ])('sqlitePath(%j) is %j', (url, expected) => {
    expect(sqlitePath(url)).toBe(expected);
  });
});

const postgres = DIALECTS.find((d) => d.name === 'postgres');
if (postgres === undefined) {
  describe.skip(POSTGRES_SKIP_REASON, () => {
    it('postgres schemas', () => {});
  });
} else {
  describe('postgres schemas', () => {
    const stores = useStores(postgres);

    it('keeps each schema’s tables apart', async () => {
      await stores.store().syncFeeds([feedSource('only-here')], T0);
      const elsewhere = await stores.open(postgres.freshDatabase());
      expect(await elsewhere.listFeedStates()).toEqual([]);
      expect((await stores.store().listFeedStates()).map((f) => f.feedId)).toEqual(['only-here']);
    });

    it('rejects a schema name it cannot quote safely', async () => {
      const { url } = stores.options();
      await expect(openStore({ url, schema: 'x; drop table feeds' })).rejects.toThrow(/store: invalid Postgres schema name/);
    });
  });
}
