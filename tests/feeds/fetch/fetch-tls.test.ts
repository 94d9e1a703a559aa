// fetchFeed over HTTPS: a server with an untrusted (self-signed) certificate is refused with a
// one-line TLS reason. The key and certificate below exist only for this test (valid until 2126).
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { DEFAULT_FETCH_OPTIONS, fetchFeed } from '../../../src/feeds/fetch/fetch-feed.ts';

const KEY = `
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgpmrvgHitZes7Uw4s
UOlP1mr0RwOh2W6HuEUqYWGS6s6hRANCAATZQ3v4ocU8Au31t/ZELGjolD5GI98p
nkFdbQRj/GBOelHk8wZmPI6SnS6qMkw1o0sPxtxiR+uQi669/zCaYFi5
-----END PRIVATE KEY-----
`;

const CERT = `
-----BEGIN CERTIFICATE-----
MIIBkDCCATagAwIBAgIUGP8OHwqW62STV/ZNzAwnJi1PwykwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyNjEwMTUyNFoYDzIxMjYxMTAy
MTAxNTI0WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAATZQ3v4ocU8Au31t/ZELGjolD5GI98pnkFdbQRj/GBOelHk8wZmPI6S
nS6qMkw1o0sPxtxiR+uQi669/zCaYFi5o2QwYjAdBgNVHQ4EFgQU1nxJYtxmLqxp
qS8ky2Zm8oPzkQcwHwYDVR0jBBgwFoAU1nxJYtxmLqxpqS8ky2Zm8oPzkQcwDwYD
VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0gAMEUC
IQC4tD7aZQiWqd+/yz/uDcBksf+Gt360Ou++ClgTqWX9ggIgaw6EGUcGTy1nc3LD
zuh4iWQUwWZ4rQUsiieNluh0Yaw=
-----END CERTIFICATE-----
`;

const servers: Array<ReturnType<typeof createServer>> = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

it('refuses a self-signed certificate with a TLS reason, and the server sent no feed', async () => {
  let answered = 0;
  const server = createServer({ key: KEY, cert: CERT }, (_req, res) => {
    answered++;
    res.end('<rss version="2.0"></rss>');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const result = await fetchFeed(`https://127.0.0.1:${port}/feed.xml`, { etag: null, lastModified: null }, DEFAULT_FETCH_OPTIONS);
  expect(result.kind).toBe('failed');
  expect(result.kind === 'failed' && result.reason).toMatch(new RegExp(`^TLS error with 127\\.0\\.0\\.1:${port}: self[- ]signed certificate`));
  expect(answered).toBe(0);
});
