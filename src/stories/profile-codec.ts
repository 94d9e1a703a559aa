// Text profiles to bytes and back, so a store can remember what the clusterer compares without
// keeping the text twice. Generic over the profile's shape (numbers, booleans, strings, typed
// arrays, nested objects): a profile made by another version of profileText decodes as null.
//
// Layout: [u32 header length][header: JSON of the version and the shape, typed arrays and scalars
// replaced by their position][u32 scalars length][scalars: a JSON array][padding to 8][u32 element
// count per typed array][padding to 8][the arrays' bytes, each padded to 8]. Every profile of one
// version has the same header, so decoding parses it once and reuses the builder it makes.

import { PROFILE_VERSION } from './text-profile.ts';
import type { TextProfile } from './text-profile.ts';

type TypedArray = Int8Array | Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array | Float64Array;
type Plain = number | boolean | string | null | TypedArray | { readonly [key: string]: Plain };

const ARRAY_TYPES = {
  i8: Int8Array,
  u8: Uint8Array,
  u16: Uint16Array,
  u32: Uint32Array,
  i32: Int32Array,
  f32: Float32Array,
  f64: Float64Array,
} as const;
type ArrayTag = keyof typeof ARRAY_TYPES;

/** A typed array in the header: its type and its position among the arrays. */
interface ArrayRef {
  readonly $a: ArrayTag;
  readonly i: number;
}

/** A number, boolean, string or null in the header: its position among the scalars. */
interface ScalarRef {
  readonly $s: number;
}

/** Builds a profile from its typed arrays and scalars (made once per header). */
type Builder = (arrays: readonly TypedArray[], scalars: readonly unknown[]) => unknown;

export function encodeProfile(profile: TextProfile): Uint8Array {
  const arrays: TypedArray[] = [];
  const values: unknown[] = [];
  const describe = (value: Plain): unknown => {
    if (ArrayBuffer.isView(value)) {
      arrays.push(value);
      return { $a: tagOf(value), i: arrays.length - 1 } satisfies ArrayRef;
    }
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, describe(inner)]));
    values.push(value);
    return { $s: values.length - 1 } satisfies ScalarRef;
  };
  const encoder = new TextEncoder();
  const header = encoder.encode(JSON.stringify({ v: PROFILE_VERSION, p: describe(profile as unknown as Plain) }));
  const scalars = encoder.encode(JSON.stringify(values));
  const scalarsAt = 4 + header.length;
  const lengthsAt = align8(scalarsAt + 4 + scalars.length);
  let at = align8(lengthsAt + 4 * arrays.length);
  const bytes = new Uint8Array(at + arrays.reduce((sum, a) => sum + align8(a.byteLength), 0));
  const view = new DataView(bytes.buffer);
  view.setUint32(0, header.length, true);
  bytes.set(header, 4);
  view.setUint32(scalarsAt, scalars.length, true);
  bytes.set(scalars, scalarsAt + 4);
  for (const [i, array] of arrays.entries()) {
    view.setUint32(lengthsAt + 4 * i, array.length, true);
    bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
    at += align8(array.byteLength);
  }
  return bytes;
}

interface Compiled {
  readonly build: Builder;
  readonly tags: readonly ArrayTag[];
  readonly scalars: number;
}

const builders = new Map<string, Compiled | null>();
const decoder = new TextDecoder();

/** The profile, or null when the bytes come from another profile version or are not a profile. */
export function decodeProfile(bytes: Uint8Array): TextProfile | null {
  try {
    if (bytes.length < 4) return null;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const headerLength = view.getUint32(0, true);
    if (4 + headerLength + 4 > bytes.length) return null;
    const header = decoder.decode(bytes.subarray(4, 4 + headerLength));
    let compiled = builders.get(header);
    if (compiled === undefined) {
      compiled = compile(header);
      if (builders.size < 16) builders.set(header, compiled); // one or two versions in practice
    }
    if (compiled === null) return null;
    const scalarsAt = 4 + headerLength;
    const scalarsLength = view.getUint32(scalarsAt, true);
    if (scalarsAt + 4 + scalarsLength > bytes.length) return null;
    const scalars: unknown = JSON.parse(decoder.decode(bytes.subarray(scalarsAt + 4, scalarsAt + 4 + scalarsLength)));
    if (!Array.isArray(scalars) || scalars.length !== compiled.scalars) return null;
    const lengthsAt = align8(scalarsAt + 4 + scalarsLength);
    const start = align8(lengthsAt + 4 * compiled.tags.length);
    if (start > bytes.length) return null;
    // One aligned copy of the arrays (typed arrays need their own alignment; a Buffer's slice would share its pool).
    const payload = new Uint8Array(bytes.subarray(start));
    const arrays: TypedArray[] = [];
    let offset = 0;
    for (const [i, tag] of compiled.tags.entries()) {
      const Type = ARRAY_TYPES[tag];
      const n = view.getUint32(lengthsAt + 4 * i, true);
      if (offset + n * Type.BYTES_PER_ELEMENT > payload.byteLength) return null;
      arrays.push(new Type(payload.buffer, offset, n));
      offset += align8(n * Type.BYTES_PER_ELEMENT);
    }
    return compiled.build(arrays, scalars) as TextProfile;
  } catch {
    return null;
  }
}

/** A builder for a header of this version, or null for another version or a malformed header. */
function compile(header: string): Compiled | null {
  const parsed = JSON.parse(header) as { v?: unknown; p?: unknown };
  if (parsed.v !== PROFILE_VERSION || typeof parsed.p !== 'object' || parsed.p === null) return null;
  const tags: ArrayTag[] = [];
  let scalars = 0;
  const builderOf = (shape: unknown): Builder => {
    if (isArrayRef(shape)) {
      if (shape.i !== tags.length) throw new RangeError('arrays out of order');
      tags.push(shape.$a);
      const i = shape.i;
      return (arrays) => arrays[i];
    }
    if (isScalarRef(shape)) {
      if (shape.$s !== scalars) throw new RangeError('scalars out of order');
      scalars += 1;
      const i = shape.$s;
      return (_arrays, values) => values[i];
    }
    if (shape !== null && typeof shape === 'object') {
      const fields = Object.entries(shape).map(([key, inner]) => [key, builderOf(inner)] as const);
      return (arrays, values) => {
        const out: Record<string, unknown> = {};
        for (const [key, build] of fields) out[key] = build(arrays, values);
        return out;
      };
    }
    throw new RangeError('a value outside the shape');
  };
  const build = builderOf(parsed.p);
  return { build, tags, scalars };
}

function tagOf(array: ArrayBufferView): ArrayTag {
  for (const [tag, Type] of Object.entries(ARRAY_TYPES)) if (array instanceof Type) return tag as ArrayTag;
  throw new Error(`stories/profile-codec: cannot encode a ${array.constructor.name}`);
}

function isArrayRef(value: unknown): value is ArrayRef {
  if (value === null || typeof value !== 'object') return false;
  const ref = value as Partial<ArrayRef>;
  return typeof ref.$a === 'string' && ref.$a in ARRAY_TYPES && Number.isInteger(ref.i);
}

function isScalarRef(value: unknown): value is ScalarRef {
  return value !== null && typeof value === 'object' && Number.isInteger((value as Partial<ScalarRef>).$s) && Object.keys(value).length === 1;
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
