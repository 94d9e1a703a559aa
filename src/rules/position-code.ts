// A word position as one integer: the field (FIELDS index) in the top bits, the word's position in
// the field below, so codes sort by field, then position (article index, hit pool, prefixes).

export const FIELD_SHIFT = 24;
export const POSITION_MASK = (1 << FIELD_SHIFT) - 1;
export const fieldOf = (code: number): number => code >>> FIELD_SHIFT;
export const positionOf = (code: number): number => code & POSITION_MASK;
