// One subscription request to a hub (https://www.w3.org/TR/websub/#subscriber-sends-subscription-request):
// a form POST answered 202 (or 204). Goes through the feed's own DNS lookup and URL check, so a
// hub named by a feed added from chat passes the same SSRF guard as the feed.
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';

export interface HubRequestOptions {
  readonly userAgent: string;
  readonly timeoutMs: number;
  readonly lookup?: LookupFunction;
  readonly allowUrl?: (url: URL) => string | null;
}

/** Null when the hub accepted the request, else why not (one sentence). */
export async function postToHub(hub: string, form: URLSearchParams, options: HubRequestOptions): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(hub);
  } catch {
    return `the hub address "${hub}" is not a URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `the hub address "${hub}" is not http(s)`;
  const refused = options.allowUrl?.(url) ?? null;
  if (refused !== null) return `the hub address is refused: ${refused}`;
  const body = form.toString();
  const mode = form.get('hub.mode') ?? 'request';
  return new Promise((resolve) => {
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), 'user-agent': options.userAgent },
      timeout: options.timeoutMs,
      ...(options.lookup ? { lookup: options.lookup } : {}),
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', (error) => resolve(`the hub could not be reached: ${error.message}`));
    req.on('response', (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      resolve(status === 202 || status === 204 ? null : `the hub answered HTTP ${status} to ${mode}`);
    });
    req.end(body);
  });
}
