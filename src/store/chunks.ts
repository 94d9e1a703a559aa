// Splits a list for statements with a bounded number of rows or parameters (IN lists, multi-row INSERTs).

/** Rows per multi-row INSERT or IN list: well under SQLite's 32,766 parameters a statement, with a dozen columns. */
export const ROWS_PER_STATEMENT = 500;

export function chunks<T>(values: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}
