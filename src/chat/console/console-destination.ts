// Destination type `console`: alerts printed on stdout; with `fallback: true`, only when no other
// destination is set up (the offline default).
import { z } from 'zod';
import { defineDestinationType } from '../destination-type.ts';

export const consoleDestination = defineDestinationType({
  type: 'console',
  settings: {
    /** Only used when no other destination is set up. */
    fallback: z.boolean().default(false),
  },
  resolve: (settings) => ({ kind: 'ok', destination: { type: 'console', name: settings.name } }),
  async openSink(destination) {
    const { createConsoleSink } = await import('./console-sink.ts');
    return createConsoleSink(destination.name);
  },
});
