// Prepares each distinct SQL text once: Kysely's SQLite driver calls prepare() for every query, and
// compiling the statement again was a third of a 304 poll's cost. A bounded LRU of better-sqlite3
// statements (queries with IN lists of varying length are distinct texts).
import type Database from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

const DEFAULT_CAPACITY = 500;

export function cacheStatements(database: Database.Database, capacity = DEFAULT_CAPACITY): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string): SqliteStatement {
      const cached = statements.get(sql);
      // A statement still iterating (a streamed query) cannot run again until it is done.
      if (cached !== undefined && !cached.busy) {
        statements.delete(sql); // re-insert: most recently used last
        statements.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      if (cached === undefined) {
        statements.set(sql, statement);
        if (statements.size > capacity) statements.delete(statements.keys().next().value as string);
      }
      return statement;
    },
  };
}
