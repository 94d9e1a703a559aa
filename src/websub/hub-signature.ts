// Checks a content distribution's `X-Hub-Signature: ALGO=HEX` against the subscription's secret
// (https://www.w3.org/TR/websub/#authenticated-content-distribution): an HMAC of the raw body,
// sha1, sha256, sha384 or sha512, compared in constant time.
import { createHmac, timingSafeEqual } from 'node:crypto';

const ALGORITHMS = new Set(['sha1', 'sha256', 'sha384', 'sha512']);

export type SignatureCheck = { readonly valid: true } | { readonly valid: false; readonly reason: string };

export function checkHubSignature(header: string | undefined, body: Buffer, secret: string): SignatureCheck {
  if (header === undefined || header.trim() === '') return { valid: false, reason: 'no X-Hub-Signature header' };
  const [algorithm = '', hex = ''] = header.trim().split('=', 2);
  if (!ALGORITHMS.has(algorithm.toLowerCase())) return { valid: false, reason: `unsupported signature method "${algorithm.slice(0, 20)}"` };
  if (!/^[0-9a-f]+$/i.test(hex)) return { valid: false, reason: 'the signature is not hexadecimal' };
  const expected = createHmac(algorithm.toLowerCase(), secret).update(body).digest();
  const given = Buffer.from(hex, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { valid: false, reason: 'the signature does not match the body' };
  return { valid: true };
}
