// Prepares each distinct SQL text once per connection on Postgres, as sqlite-statement-cache.ts does
// for SQLite: Kysely sends every query unnamed, so the server parses and plans it again each time.
// A query sent with a name is parsed once per connection and run by name after that (pg keeps the
// names it prepared on each connection). Names are bounded: past CAPACITY distinct texts (IN lists of
// varying length are distinct texts), further texts run unnamed as before.
// https://node-postgres.com/features/queries#prepared-statements
import type pg from 'pg';
import type { PostgresPoolClient } from 'kysely';

const CAPACITY = 500;

export interface StatementNames {
  /** The name of `text`, assigned on first use; null once the capacity is spent. */
  nameOf(text: string): string | null;
}

export function createStatementNames(capacity = CAPACITY): StatementNames {
  const names = new Map<string, string>();
  return {
    nameOf(text) {
      const known = names.get(text);
      if (known !== undefined || names.size >= capacity) return known ?? null;
      const name = `wirewatch_${names.size + 1}`;
      names.set(text, name);
      return name;
    },
  };
}

/** `client` for Kysely, running each query with parameters as a named (prepared-once) statement. */
export function withNamedStatements(client: pg.PoolClient, names: StatementNames): PostgresPoolClient {
  const query = (text: string, parameters: readonly unknown[]): Promise<pg.QueryResult> => {
    const values = [...parameters];
    const name = values.length > 0 ? names.nameOf(text) : null;
    return client.query(name === null ? { text, values } : { name, text, values });
  };
  return {
    // Kysely's cursor form is never called: the dialect is created without a cursor class.
    query: query as unknown as PostgresPoolClient['query'],
    release: (destroy?: boolean) => client.release(destroy),
  };
}
