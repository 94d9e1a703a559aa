// The console destination: prints each alert to a writable stream (stdout by default).
import type { ChatSink, SendOutcome } from '../chat-sink.ts';
import { renderConsoleAlert } from './render-console-alert.ts';

export function createConsoleSink(name: string, out: NodeJS.WritableStream = process.stdout): ChatSink {
  let counter = 0;
  const write = (text: string): SendOutcome => {
    out.write(`${text}\n`);
    counter += 1;
    return { kind: 'sent', messageId: `console-${counter}` };
  };
  return {
    name,
    send: async (alert) => write(renderConsoleAlert(alert)),
    edit: async (_messageId, alert) => write(`(update) ${renderConsoleAlert(alert)}`),
    reply: async (_messageId, text) => write(`  ↳ ${text}`),
  };
}
