// Kysely's Postgres introspector lists the tables of every schema in the database, and its
// migrator asks for that list several times per start. With many schemas (one per tenant, or a
// test suite's hundreds) each start grew slower with every schema. This dialect's introspector
// reads the one schema the store lives in.
import { PostgresDialect, sql } from 'kysely';
import type { DatabaseIntrospector, DatabaseMetadata, DatabaseMetadataOptions, Kysely, PostgresDialectConfig, SchemaMetadata, TableMetadata } from 'kysely';

export class SchemaScopedPostgresDialect extends PostgresDialect {
  readonly #schema: string;

  constructor(config: PostgresDialectConfig, schema: string) {
    super(config);
    this.#schema = schema;
  }

  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return schemaIntrospector(db, this.#schema);
  }
}

/** Tables (with their columns' names and types) of `schema` only. */
export function schemaIntrospector(db: Kysely<unknown>, schema: string): DatabaseIntrospector {
  const getTables = async (): Promise<TableMetadata[]> => {
    const { rows } = await sql<{ table: string; column: string | null; type: string | null; nullable: boolean | null; has_default: boolean | null }>`
      select t.table_name as "table", c.column_name as "column", c.data_type as "type",
             c.is_nullable = 'YES' as nullable, c.column_default is not null as has_default
      from information_schema.tables t
      left join information_schema.columns c on c.table_schema = t.table_schema and c.table_name = t.table_name
      where t.table_schema = ${schema}
      order by t.table_name, c.ordinal_position`.execute(db);
    const tables = new Map<string, TableMetadata & { columns: TableMetadata['columns'][number][] }>();
    for (const row of rows) {
      let table = tables.get(row.table);
      if (table === undefined) tables.set(row.table, (table = { name: row.table, schema, isView: false, columns: [] }));
      if (row.column !== null) {
        table.columns.push({ name: row.column, dataType: row.type ?? '', isNullable: row.nullable ?? true, isAutoIncrementing: false, hasDefaultValue: row.has_default ?? false });
      }
    }
    return [...tables.values()];
  };
  return {
    getSchemas: (): Promise<SchemaMetadata[]> => Promise.resolve([{ name: schema }]),
    getTables: (_options?: DatabaseMetadataOptions) => getTables(),
    getMetadata: async (_options?: DatabaseMetadataOptions): Promise<DatabaseMetadata> => ({ tables: await getTables() }),
  };
}
