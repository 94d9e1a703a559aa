// vitest global set-up: one id for this test run, so every Postgres schema the store suites make
// is named after it, and one teardown that drops them all once every file has finished. Dropping
// them file by file raced with other files' migrations (Kysely's introspection reads every schema).
import pg from 'pg';

export default function setup(): () => Promise<void> {
  const run = Math.random().toString(36).slice(2, 8);
  process.env['WIREWATCH_TEST_RUN'] = run;
  return async () => {
    const url = process.env['WIREWATCH_TEST_DATABASE_URL'];
    if (url === undefined || url === '') return;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ nspname: string }>('select nspname from pg_namespace where starts_with(nspname, $1)', [`wirewatch_test_${run}_`]);
      for (const { nspname } of rows) await client.query(`drop schema if exists "${nspname}" cascade`);
    } finally {
      await client.end();
    }
  };
}
