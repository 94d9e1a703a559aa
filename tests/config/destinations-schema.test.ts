// Destinations and routes in config: secrets resolved from the environment (skipped when unset,
// an error when required), the offline console fallback, and route validation.
import { describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '../../src/config/load-config.ts';
import { readEnv } from '../../src/config/env.ts';

const FILE = '/srv/wirewatch/wirewatch.yaml';
const RULES = 'rules:\n  - { id: r1, query: attack }\n  - { id: r2, query: blast }\n';

function load(yaml: string, env: Record<string, string> = {}): Config {
  const result = parseConfig(yaml, FILE, readEnv(env), '/srv/wirewatch');
  if (result.kind === 'invalid') throw new Error(result.message);
  return result.config;
}

function problems(yaml: string, env: Record<string, string> = {}): string {
  const result = parseConfig(yaml, FILE, readEnv(env), '/srv/wirewatch');
  return result.kind === 'invalid' ? result.message : '';
}

describe('destinations', () => {
  it('prints to the console when no chat secrets are set (the default config works offline)', () => {
    const config = load('');
    expect(config.destinations).toEqual([{ name: 'console', type: 'console' }]);
    expect(config.inactiveDestinations).toEqual([
      { name: 'discord', type: 'discord', missing: ['DISCORD_TOKEN', 'DISCORD_CHANNEL_ID'] },
      { name: 'slack', type: 'slack', missing: ['SLACK_BOT_TOKEN', 'SLACK_CHANNEL'] },
    ]);
  });

  it('uses Discord and Slack bots from the default variables, with the API bases from the environment', () => {
    const config = load('', {
      DISCORD_TOKEN: 'd-token',
      DISCORD_CHANNEL_ID: '100000000000000001',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_CHANNEL: 'C0ALERTS',
      WIREWATCH_DISCORD_API: 'http://127.0.0.1:9/api/',
      WIREWATCH_SLACK_API: 'http://127.0.0.1:9/slack',
    });
    expect(config.destinations).toEqual([
      { type: 'discord', name: 'discord', token: 'd-token', channelId: '100000000000000001', apiUrl: 'http://127.0.0.1:9/api', timeoutMs: 15_000 },
      { type: 'slack', name: 'slack', token: 'xoxb-1', channel: 'C0ALERTS', apiUrl: 'http://127.0.0.1:9/slack/', timeoutMs: 15_000 },
    ]);
    expect(config.inactiveDestinations).toEqual([]);
  });

  it('reads the secrets from the variables the config names, and the per-destination delivery settings', () => {
    const config = load(
      [
        'destinations:',
        '  - { name: ops, type: discord, tokenEnv: OPS_TOKEN, channel: "100000000000000002", mention: "<@&200000000000000002>", missedAfter: 30m, timeout: 5s }',
        '  - { name: hook, type: discord-webhook, urlEnv: OPS_HOOK }',
        '  - { name: news, type: slack-webhook }',
        '  - { name: console, type: console }',
      ].join('\n'),
      { OPS_TOKEN: 'ops-token', OPS_HOOK: 'https://discord.com/api/webhooks/300000000000000003/abcdefghijklmnopqrstuvwxyz', SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T1/B1/x' },
    );
    expect(config.destinations).toEqual([
      { type: 'discord', name: 'ops', token: 'ops-token', channelId: '100000000000000002', apiUrl: 'https://discord.com/api', timeoutMs: 5_000 },
      { type: 'discord-webhook', name: 'hook', webhookId: '300000000000000003', webhookToken: 'abcdefghijklmnopqrstuvwxyz', apiUrl: 'https://discord.com/api', timeoutMs: 15_000 },
      { type: 'slack-webhook', name: 'news', url: 'https://hooks.slack.com/services/T1/B1/x', timeoutMs: 15_000 },
      { type: 'console', name: 'console' },
    ]);
    expect(config.delivery.destinations.get('ops')).toEqual({ mention: '<@&200000000000000002>', missedAfterMs: 1_800_000, timeoutMs: 5_000 });
  });

  it.each([
    ['a secret pasted where the variable name goes', 'destinations:\n  - { name: d, type: discord, tokenEnv: "MTA.xyz-abc" }', {}, 'destinations[0].tokenEnv: expected the NAME of an environment variable'],
    ['a Slack mention on Discord', 'destinations:\n  - { name: d, type: discord, mention: "<!subteam^S1>" }', {}, 'destinations[0].mention: expected a Discord role mention'],
    ['a required destination without its secrets', 'destinations:\n  - { name: d, type: slack, required: true }', {}, 'destinations[0]: required, but SLACK_BOT_TOKEN and SLACK_CHANNEL are not set'],
    ['a webhook URL that is not one', 'destinations:\n  - { name: d, type: discord-webhook }', { DISCORD_WEBHOOK_URL: 'https://example.com/x' }, 'destinations[0]: DISCORD_WEBHOOK_URL is not a Discord webhook URL'],
    ['an unknown type', 'destinations:\n  - { name: d, type: pager }', {}, 'destinations[0].type:'],
    ['a duplicate name', 'destinations:\n  - { name: d, type: console }\n  - { name: d, type: slack }', {}, 'duplicate destination name "d"'],
  ])('rejects %s', (_name, yaml, env, expected) => {
    expect(problems(yaml, env)).toContain(expected);
  });
});

describe('routes', () => {
  it('resolves routes with their defaults', () => {
    const config = load(
      `${RULES}routes:\n  - { rules: [r1], to: [console], priority: flash }\n  - { priority: low, digestEvery: 30m, quietHours: { from: "22:00", to: "07:30", timeZone: Europe/London }, hourlyCap: 5 }\n`,
    );
    expect(config.delivery.routes).toEqual([
      { rules: ['r1'], destinations: ['console'], priority: 'flash', digestEveryMs: 900_000, quietHours: null, hourlyCap: null },
      { rules: null, destinations: null, priority: 'low', digestEveryMs: 1_800_000, quietHours: { fromMinute: 1320, toMinute: 450, timeZone: 'Europe/London' }, hourlyCap: 5 },
    ]);
    expect(load(RULES).delivery.routes).toEqual([]);
  });

  it.each([
    ['an unknown rule', 'routes:\n  - { rules: [r9] }', 'routes[0].rules[0]: no rule "r9"'],
    ['an unknown destination', 'routes:\n  - { to: [pager] }', 'routes[0].to[0]: no destination "pager"'],
    ['a bad priority', 'routes:\n  - { priority: urgent }', 'routes[0].priority:'],
    ['a bad time of day', 'routes:\n  - { quietHours: { from: "10pm", to: "07:00" } }', 'expected a time of day such as "22:00"'],
    ['an unknown time zone', 'routes:\n  - { quietHours: { from: "22:00", to: "07:00", timeZone: Mars/Olympus } }', 'expected an IANA time zone'],
    ['a cap of zero', 'routes:\n  - { hourlyCap: 0 }', 'routes[0].hourlyCap:'],
  ])('rejects %s', (_name, yaml, expected) => {
    expect(problems(`${RULES}${yaml}`)).toContain(expected);
  });
});
