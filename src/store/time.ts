// Times are stored as epoch milliseconds (bigint); these convert at the store's edge.

export function fromMillis(ms: number): Date {
  return new Date(Number(ms));
}

export function fromMillisOrNull(ms: number | null): Date | null {
  return ms === null ? null : fromMillis(ms);
}
