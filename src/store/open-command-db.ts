// Opens the command tables on the same database as the core store: either over a dialect
// already open (one connection pool), or from the same StoreOptions (a second connection; not for :memory:).
import type { CommandTables } from './command-migrations.ts';
import { migrateCommandTables } from './command-migrations.ts';
import type { CommandDb } from './command-queries.ts';
import { openDialect } from './open-store.ts';
import type { StoreOptions } from './open-store.ts';
import type { DialectKind, StoreDialect } from './store-dialect.ts';

export interface CommandDbHandle {
  readonly db: CommandDb;
  readonly dialect: DialectKind;
  /** Creates or updates the command tables; run after the core store's migrate(). */
  migrate(): Promise<void>;
  /** Closes the connection when this handle opened it (openCommandDb); a no-op over a shared dialect. */
  close(): Promise<void>;
}

export function commandDbOf(dialect: StoreDialect, ownsConnection = false): CommandDbHandle {
  return {
    db: dialect.db.withTables<CommandTables>(),
    dialect: dialect.kind,
    migrate: () => migrateCommandTables(dialect),
    close: () => (ownsConnection ? dialect.db.destroy() : Promise.resolve()),
  };
}

export async function openCommandDb(options: StoreOptions): Promise<CommandDbHandle> {
  return commandDbOf(await openDialect({ url: options.url, ...(options.schema === undefined ? {} : { schema: options.schema }) }), true);
}
