// The environment goes through one schema: chat front-end settings, ports and API bases are typed
// and checked where they are read, and a bad value is one "environment: NAME: …" line that stops start-up.
import { describe, expect, it } from 'vitest';
import { readEnv } from '../../src/config/env.ts';
import { parseConfig } from '../../src/config/load-config.ts';

describe('readEnv', () => {
  it('gives the defaults when nothing is set, and blank counts as unset', () => {
    const env = readEnv({ SLACK_COMMANDS_PORT: '  ', DISCORD_GUILD_IDS: '' });
    expect(env.problems).toEqual([]);
    expect(env.logLevel).toBe('info');
    expect(env.chat).toEqual({
      discord: { token: null, applicationId: null, guildIds: [], managerRoleIds: [] },
      slack: { botToken: null, signingSecret: null, appToken: null, commandsPort: 3000, commandsHost: '0.0.0.0', managerIds: [] },
    });
  });

  it('types the chat front ends\' variables: lists split at commas, the port a number', () => {
    const env = readEnv({
      DISCORD_TOKEN: ' d-token ',
      DISCORD_APPLICATION_ID: '100000000000000009',
      DISCORD_GUILD_IDS: '100000000000000001, 100000000000000002,',
      DISCORD_MANAGER_ROLE_IDS: '200000000000000001',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'secret',
      SLACK_APP_TOKEN: 'xapp-1-A1-x',
      SLACK_COMMANDS_PORT: '8080',
      SLACK_COMMANDS_HOST: '127.0.0.1',
      SLACK_MANAGER_IDS: 'U01,S02',
    });
    expect(env.problems).toEqual([]);
    expect(env.chat).toEqual({
      discord: { token: 'd-token', applicationId: '100000000000000009', guildIds: ['100000000000000001', '100000000000000002'], managerRoleIds: ['200000000000000001'] },
      slack: { botToken: 'xoxb-1', signingSecret: 'secret', appToken: 'xapp-1-A1-x', commandsPort: 8080, commandsHost: '127.0.0.1', managerIds: ['U01', 'S02'] },
    });
  });

  it.each([
    ['SLACK_COMMANDS_PORT', 'abc', 'expected a port number from 0 to 65535'],
    ['SLACK_COMMANDS_PORT', '70000', 'expected a port number from 0 to 65535'],
    ['SLACK_COMMANDS_PORT', '-1', 'expected a port number from 0 to 65535'],
    ['SLACK_COMMANDS_HOST', 'a host', 'expected a host name or IP address'],
    ['DISCORD_GUILD_IDS', '123,abc', 'expected server (guild) ids (digits), separated by commas'],
    ['DISCORD_MANAGER_ROLE_IDS', 'admins', 'expected role ids (digits), separated by commas'],
    ['DISCORD_APPLICATION_ID', 'my-app', 'expected the application id (digits)'],
    ['SLACK_APP_TOKEN', 'xoxb-1', 'expected an app-level token (xapp-…)'],
    ['SLACK_MANAGER_IDS', 'alice', 'expected Slack user ids (U…, W…) or user-group ids (S…), separated by commas'],
    ['WIREWATCH_LOG_LEVEL', 'loud', 'expected one of fatal, error, warn, info, debug, trace, silent'],
    ['WIREWATCH_SLACK_API', 'slack.com', 'expected an http(s) URL such as https://slack.com/api/'],
  ])('refuses %s=%s with one line naming the variable, the expectation and the value', (name, value, expected) => {
    const env = readEnv({ [name]: value });
    expect(env.problems).toEqual([`${name}: ${expected}, got ${JSON.stringify(value)}`]);
  });

  it('keeps the default of a bad variable (the config reports the problem and nothing starts)', () => {
    expect(readEnv({ SLACK_COMMANDS_PORT: 'abc' }).chat.slack.commandsPort).toBe(3000);
  });
});

describe('a bad environment makes the config invalid', () => {
  it('lists every bad variable, one line each', () => {
    const result = parseConfig('feeds: []', '/srv/wirewatch.yaml', readEnv({ SLACK_COMMANDS_PORT: 'NaN', DISCORD_GUILD_IDS: 'x' }));
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' && result.message.split('\n')).toEqual([
      'environment: DISCORD_GUILD_IDS: expected server (guild) ids (digits), separated by commas, got "x"',
      'environment: SLACK_COMMANDS_PORT: expected a port number from 0 to 65535, got "NaN"',
    ]);
  });
});
