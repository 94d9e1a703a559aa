// Text profiles to bytes and back, so a store can remember what the clusterer compares without
// keeping the text twice. Generic over the profile's shape (numbers, booleans, strings, typed
// arrays, nested objects): a profile made by another version of profileText decodes as null.

import { PROFILE_VERSION } from './text-profile.ts';
import type { TextProfile } from './text-profile.ts';

type TypedArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array | Float64Array;
type Plain = number | boolean | string | null | TypedArray | { readonly [key: string]: Plain };

const ARRAY_TYPES = {
  u8: Uint8Array,
  u16: Uint16Array,
  u32: Uint32Array,
  i32: Int32Array,
  f32: Float32Array,
  f64: Float64Array,
} as const;
type ArrayTag = keyof typeof ARRAY_TYPES;

/** A typed array in the header: its type, byte offset in the payload and element count. */
interface ArrayRef {
  readonly $a: ArrayTag;
  readonly o: number;
  readonly n: number;
}

/** Layout: [u32 header length][header JSON][padding to 8][payload of typed arrays, each 8-aligned]. */
export function encodeProfile(profile: TextProfile): Uint8Array {
  const arrays: TypedArray[] = [];
  let offset = 0;
  const shape = JSON.stringify({ v: PROFILE_VERSION, p: describe(profile as unknown as Plain) });
  function describe(value: Plain): unknown {
    if (ArrayBuffer.isView(value)) {
      const ref: ArrayRef = { $a: tagOf(value), o: offset, n: value.length };
      arrays.push(value);
      offset += align8(value.byteLength);
      return ref;
    }
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, describe(inner)]));
    }
    return value;
  }
  const header = new TextEncoder().encode(shape);
  const start = align8(4 + header.length);
  const bytes = new Uint8Array(start + offset);
  new DataView(bytes.buffer).setUint32(0, header.length, true);
  bytes.set(header, 4);
  let at = start;
  for (const array of arrays) {
    bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
    at += align8(array.byteLength);
  }
  return bytes;
}

/** The profile, or null when the bytes come from another profile version or are not a profile. */
export function decodeProfile(bytes: Uint8Array): TextProfile | null {
  try {
    if (bytes.length < 4) return null;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const headerLength = view.getUint32(0, true);
    if (4 + headerLength > bytes.length) return null;
    const parsed = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + headerLength))) as { v?: unknown; p?: unknown };
    if (parsed.v !== PROFILE_VERSION || typeof parsed.p !== 'object' || parsed.p === null) return null;
    // One aligned copy of the payload (typed arrays need their own alignment; a Buffer's slice would share its pool).
    const payload = new Uint8Array(bytes.subarray(align8(4 + headerLength)));
    const rebuild = (value: unknown): unknown => {
      if (isArrayRef(value)) {
        const Type = ARRAY_TYPES[value.$a];
        if (value.o + value.n * Type.BYTES_PER_ELEMENT > payload.byteLength) throw new RangeError('array past the payload');
        return new Type(payload.buffer, value.o, value.n);
      }
      if (value !== null && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, rebuild(inner)]));
      }
      return value;
    };
    return rebuild(parsed.p) as TextProfile;
  } catch {
    return null;
  }
}

function tagOf(array: ArrayBufferView): ArrayTag {
  for (const [tag, Type] of Object.entries(ARRAY_TYPES)) if (array instanceof Type) return tag as ArrayTag;
  throw new Error(`stories/profile-codec: cannot encode a ${array.constructor.name}`);
}

function isArrayRef(value: unknown): value is ArrayRef {
  if (value === null || typeof value !== 'object') return false;
  const ref = value as Partial<ArrayRef>;
  return typeof ref.$a === 'string' && ref.$a in ARRAY_TYPES && Number.isInteger(ref.o) && Number.isInteger(ref.n) && (ref.o ?? -1) >= 0 && (ref.n ?? -1) >= 0 && (ref.o ?? 0) % 8 === 0;
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
