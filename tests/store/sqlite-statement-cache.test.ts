// The SQLite statement cache: one prepare per SQL text, a fresh statement while one is iterating,
// least recently used texts dropped past the capacity.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { cacheStatements } from '../../src/store/sqlite-statement-cache.ts';

let database: Database.Database;
beforeEach(() => {
  database = new Database(':memory:');
  database.exec('create table t (n integer); insert into t values (1), (2), (3);');
});
afterEach(() => database.close());

it('prepares a SQL text once and reuses the statement', () => {
  const cached = cacheStatements(database);
  const first = cached.prepare('select n from t where n > ?');
  expect(first.all([1])).toEqual([{ n: 2 }, { n: 3 }]);
  expect(cached.prepare('select n from t where n > ?')).toBe(first);
  expect(cached.prepare('select n from t where n > ?').all([2])).toEqual([{ n: 3 }]);
});

it('hands out a fresh statement while the cached one is still iterating', () => {
  const cached = cacheStatements(database);
  const streaming = cached.prepare('select n from t');
  const rows = streaming.iterate([]);
  rows.next();
  const other = cached.prepare('select n from t');
  expect(other).not.toBe(streaming);
  expect(other.all([])).toHaveLength(3);
  rows.return?.();
  expect(cached.prepare('select n from t')).toBe(streaming);
});

it('keeps at most `capacity` statements, dropping the least recently used', () => {
  const cached = cacheStatements(database, 2);
  const a = cached.prepare('select 1');
  const b = cached.prepare('select 2');
  expect(cached.prepare('select 1')).toBe(a); // now b is the least recently used
  cached.prepare('select 3');
  expect(cached.prepare('select 1')).toBe(a);
  expect(cached.prepare('select 2')).not.toBe(b);
});
