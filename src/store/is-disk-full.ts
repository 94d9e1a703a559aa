// Whether a database error means the disk is full, whichever dialect or layer reported it.
/** SQLITE_FULL (SQLite), ENOSPC (the file system), 53100 disk_full (Postgres), anywhere in the cause chain. */
export function isDiskFull(error: unknown): boolean {
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 8; depth += 1) {
    const code = 'code' in e ? e.code : undefined;
    if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === '53100') return true;
    e = 'cause' in e ? e.cause : undefined;
  }
  return false;
}
