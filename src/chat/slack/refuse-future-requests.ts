// Slack signs each request with its timestamp; Bolt refuses one more than 5 minutes old but accepts
// any in the future, so a captured-and-postdated or clock-skewed request would pass. This guard,
// in front of Bolt's handler, refuses a timestamp more than 5 minutes ahead too (401, nothing runs).
// https://docs.slack.dev/authentication/verifying-requests-from-slack
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/** Why the request's X-Slack-Request-Timestamp is unacceptable, or null (absent ones are Bolt's to refuse). */
export function futureTimestampProblem(header: string | string[] | undefined, nowMs: number): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || !/^\d+$/.test(value)) return null;
  return Number(value) - Math.floor(nowMs / 1000) > MAX_CLOCK_SKEW_SECONDS ? 'x-slack-request-timestamp is more than 5 minutes in the future' : null;
}

/** Puts the check in front of the request handlers `server` has now (Bolt's receiver). */
export function refuseFutureRequests(server: Server, now: () => number = Date.now): void {
  const handlers = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const problem = futureTimestampProblem(req.headers['x-slack-request-timestamp'], now());
    if (problem !== null) {
      req.resume();
      res.writeHead(401, { 'content-type': 'text/plain' }).end(problem);
      return;
    }
    for (const handle of handlers) handle(req, res);
  });
}
