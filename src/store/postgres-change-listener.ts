// Wakes workers when rules, feeds or routing change, through Postgres LISTEN/NOTIFY: a trigger on the
// command tables' change counter (command-migrations.ts) notifies at commit, and each worker listens
// on one connection of its own. Lost connections are reopened; meanwhile workers poll the counter.
// https://www.postgresql.org/docs/current/sql-notify.html
import pg from 'pg';
import { CHANGE_CHANNEL } from './command-migrations.ts';
const RECONNECT_MS = 5_000;

export interface ChangeListener {
  /** Stops listening and closes the connection. */
  close(): Promise<void>;
}

export interface ListenOptions {
  readonly url: string;
  readonly schema: string;
  readonly types: pg.CustomTypesConfig;
  readonly onChange: () => void;
  /** A lost connection (reported once per loss; the listener reconnects on its own). */
  readonly onError: (error: unknown) => void;
}

/** Resolves once the first LISTEN is in place (so a change committed after it is never missed); rejects if that fails. */
export async function listenForChanges(options: ListenOptions): Promise<ChangeListener> {
  let closed = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;

  const connect = async (reconnect: boolean): Promise<void> => {
    const next = new pg.Client({ connectionString: options.url, options: `-c search_path=${options.schema}`, types: options.types });
    next.on('notification', (message) => {
      if (message.channel === CHANGE_CHANNEL && message.payload === options.schema) options.onChange();
    });
    next.on('error', (error) => {
      if (closed || client !== next) return;
      client = null;
      options.onError(error);
      void next.end().catch(() => undefined);
      scheduleReconnect();
    });
    await next.connect();
    try {
      await next.query(`listen ${CHANGE_CHANNEL}`);
    } catch (error) {
      await next.end().catch(() => undefined);
      throw error;
    }
    if (closed) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    // Whatever changed while no one listened: the caller reloads once.
    if (reconnect) options.onChange();
  };

  const scheduleReconnect = (): void => {
    if (closed || retry !== null) return;
    retry = setTimeout(() => {
      retry = null;
      connect(true).catch((error: unknown) => {
        options.onError(error);
        scheduleReconnect();
      });
    }, RECONNECT_MS);
    retry.unref();
  };

  await connect(false);
  return {
    async close() {
      closed = true;
      if (retry !== null) clearTimeout(retry);
      const open = client;
      client = null;
      await open?.end().catch(() => undefined);
    },
  };
}
