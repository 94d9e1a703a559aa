// Destination type `discord-webhook`: a channel webhook URL from the environment. The URL is used as
// given, host included (a proxy in front of Discord works).
import { defineDestinationType, deliverySettings, envName } from '../destination-type.ts';
import { discordMention } from './discord-bot-destination.ts';

interface DiscordWebhookDestination {
  readonly type: 'discord-webhook';
  readonly name: string;
  readonly webhookId: string;
  readonly webhookToken: string;
  readonly apiUrl: string;
  readonly timeoutMs: number;
}

const DISCORD_WEBHOOK_PATH = /\/webhooks\/(\d{15,25})\/([\w-]{20,})\/?$/;

export const discordWebhookDestination = defineDestinationType({
  type: 'discord-webhook',
  settings: {
    urlEnv: envName.default('DISCORD_WEBHOOK_URL'),
    mention: discordMention.optional(),
    ...deliverySettings,
  },
  resolve(settings, env) {
    const url = env.vars.get(settings.urlEnv);
    if (url === undefined) return { kind: 'missing', missing: [settings.urlEnv] };
    const m = DISCORD_WEBHOOK_PATH.exec(safePath(url));
    const apiUrl = webhookApiBase(url);
    if (!m || m[1] === undefined || m[2] === undefined || apiUrl === null) return { kind: 'invalid', message: `${settings.urlEnv} is not a Discord webhook URL (https://…/api/webhooks/ID/TOKEN)` };
    const destination: DiscordWebhookDestination = { type: 'discord-webhook', name: settings.name, webhookId: m[1], webhookToken: m[2], apiUrl, timeoutMs: settings.timeout * 1000 };
    return { kind: 'ok', destination };
  },
  async openSink(d: DiscordWebhookDestination) {
    const { createDiscordWebhookSink } = await import('./discord-webhook-sink.ts');
    return createDiscordWebhookSink({ name: d.name, id: d.webhookId, token: d.webhookToken, api: d.apiUrl, timeoutMs: d.timeoutMs });
  },
});

/** Everything before `/webhooks/`, without a version segment (the client adds /v10). */
function webhookApiBase(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
    const base = parsed.pathname.slice(0, parsed.pathname.lastIndexOf('/webhooks/')).replace(/\/v\d+$/, '');
    return `${parsed.origin}${base}`;
  } catch {
    return null;
  }
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}
