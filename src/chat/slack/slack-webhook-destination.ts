// Destination type `slack-webhook`: an incoming-webhook URL from the environment (no token; it
// cannot edit messages or reply in threads).
import { defineDestinationType, deliverySettings, envName } from '../destination-type.ts';
import { slackMention } from './slack-bot-destination.ts';

interface SlackWebhookDestination {
  readonly type: 'slack-webhook';
  readonly name: string;
  readonly url: string;
  readonly timeoutMs: number;
}

export const slackWebhookDestination = defineDestinationType({
  type: 'slack-webhook',
  settings: {
    urlEnv: envName.default('SLACK_WEBHOOK_URL'),
    mention: slackMention.optional(),
    ...deliverySettings,
  },
  resolve(settings, env) {
    const url = env.vars.get(settings.urlEnv);
    if (url === undefined) return { kind: 'missing', missing: [settings.urlEnv] };
    if (!/^https?:\/\/[^\s]+$/.test(url)) return { kind: 'invalid', message: `${settings.urlEnv} is not an http(s) URL` };
    const destination: SlackWebhookDestination = { type: 'slack-webhook', name: settings.name, url, timeoutMs: settings.timeout * 1000 };
    return { kind: 'ok', destination };
  },
  async openSink(d: SlackWebhookDestination) {
    const { createSlackWebhookSink } = await import('./slack-webhook-sink.ts');
    return createSlackWebhookSink({ name: d.name, url: d.url, timeoutMs: d.timeoutMs });
  },
});
