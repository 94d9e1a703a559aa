// Each distinct SQL text is prepared once per Postgres connection and run by name after that; the
// number of names is bounded (texts past the capacity run unnamed).
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDialect } from '../../src/store/open-store.ts';
import { createStatementNames } from '../../src/store/postgres-statement-names.ts';
import { DIALECTS, POSTGRES_SKIP_REASON } from '../store/dialects.ts';

describe('statement names', () => {
  it('gives one name per distinct text, the same one each time, and none past the capacity', () => {
    const names = createStatementNames(2);
    const first = names.nameOf('select 1 where $1');
    expect(first).not.toBeNull();
    expect(names.nameOf('select 1 where $1')).toBe(first);
    const second = names.nameOf('select 2 where $1');
    expect(second).not.toBe(first);
    expect(names.nameOf('select 3 where $1')).toBeNull();
    expect(names.nameOf('select 2 where $1')).toBe(second);
  });
});

const POSTGRES = DIALECTS.find((d) => d.name === 'postgres');

describe.skipIf(POSTGRES === undefined)(POSTGRES === undefined ? POSTGRES_SKIP_REASON : 'prepared statements on Postgres', () => {
  it('prepares a query with parameters once per connection and reuses it', async () => {
    const dialect = await openDialect(POSTGRES?.freshDatabase() ?? { url: '' });
    try {
      const prepared = await dialect.db.connection().execute(async (connection) => {
        for (const n of [1, 2, 3]) await sql`select ${n}::int + 1 as next`.execute(connection);
        const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements where statement like 'select $1::int + 1%'`.execute(connection);
        return rows.map((r) => r.statement);
      });
      expect(prepared).toEqual(['select $1::int + 1 as next']);
    } finally {
      await dialect.db.destroy();
    }
  });
});
