// FNV-1a over UTF-16 code units: the one word hash of the project (rule tables, story shingles).
// WordCursor computes the same hash for ASCII words while it scans them.

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 16777619;

/** FNV-1a of `text` as a signed 32-bit integer (`>>> 0` for the unsigned value). */
export function fnv1a(text: string, seed = FNV_OFFSET): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h | 0;
}
