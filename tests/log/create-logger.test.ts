// The logger both ways it writes (readable lines on a terminal, JSON otherwise), secrets redacted
// in each. Run in a child process: the logger writes to file descriptor 2 itself.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const LOGGER = fileURLToPath(new URL('../../src/log/create-logger.ts', import.meta.url));

function logOnce(pretty: boolean): string {
  const code = `const { createLogger } = await import(${JSON.stringify(LOGGER)}); createLogger('info', ${pretty}).info({ url: 'https://user:pw@example.org/feed?token=s3cret' }, 'hello');`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8' });
  expect(run.status).toBe(0);
  return run.stderr;
}

describe('createLogger', () => {
  it('writes readable lines for a terminal, without secrets', () => {
    const out = logOnce(true);
    expect(out).toMatch(/INFO.*hello/);
    expect(out).toContain('https://[redacted]@example.org/feed?token=[redacted]');
    expect(out).not.toMatch(/pw|s3cret/);
  });

  it('writes JSON otherwise, without secrets', () => {
    const line = JSON.parse(logOnce(false)) as { msg: string; url: string };
    expect(line.msg).toBe('hello');
    expect(line.url).toBe('https://[redacted]@example.org/feed?token=[redacted]');
  });
});
