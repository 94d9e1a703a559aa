// Subscription requests to a hub: accepted on 202/204, a reason otherwise, and a hub named by a
// feed added from chat refused by the same address guard as the feed (nothing is sent to it).
import { afterEach, beforeEach, expect, it } from 'vitest';
import { chatFetchOptions } from '../../src/commands/chat-feed-fetch.ts';
import { DEFAULT_FETCH_OPTIONS } from '../../src/feeds/fetch/fetch-feed.ts';
import { postToHub } from '../../src/websub/hub-request.ts';
import { startLoopbackHub, type LoopbackHub } from '../support/websub-hub.ts';

let hub: LoopbackHub;
const form = (): URLSearchParams => new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.topic': 'https://wire.example/feed', 'hub.callback': 'http://127.0.0.1:1/websub/x' });

beforeEach(async () => {
  hub = await startLoopbackHub();
});
afterEach(async () => {
  await hub.close();
});

it('a 202 is acceptance; another status is a reason naming it', async () => {
  expect(await postToHub(hub.url, form(), { userAgent: 'wirewatch-test', timeoutMs: 5000 })).toBeNull();
  hub.answerWith(403);
  expect(await postToHub(hub.url, form(), { userAgent: 'wirewatch-test', timeoutMs: 5000 })).toBe('the hub answered HTTP 403 to subscribe');
  expect(hub.requests).toHaveLength(2);
});

it('with the options of a feed added from chat, a hub on a private address is refused before any request', async () => {
  const { userAgent, lookup, allowUrl } = chatFetchOptions(DEFAULT_FETCH_OPTIONS);
  const failure = await postToHub(hub.url, form(), { userAgent, timeoutMs: 5000, ...(lookup ? { lookup } : {}), ...(allowUrl ? { allowUrl } : {}) });
  expect(failure).toMatch(/^the hub address is refused: /);
  const named = await postToHub(hub.url.replace('127.0.0.1', 'localhost'), form(), { userAgent, timeoutMs: 5000, ...(lookup ? { lookup } : {}), ...(allowUrl ? { allowUrl } : {}) });
  expect(named).not.toBeNull(); // a name resolving to loopback is refused at DNS time
  expect(hub.requests).toHaveLength(0);
});

it('an address that is not http(s) or not a URL is a reason, not a throw', async () => {
  expect(await postToHub('ftp://hub.example/', form(), { userAgent: 'wirewatch-test', timeoutMs: 5000 })).toBe('the hub address "ftp://hub.example/" is not http(s)');
  expect(await postToHub('not a url', form(), { userAgent: 'wirewatch-test', timeoutMs: 5000 })).toBe('the hub address "not a url" is not a URL');
});
