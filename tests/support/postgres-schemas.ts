// vitest global set-up: one id for this test run, so every Postgres schema the store suites make
// is named after it, and one teardown that drops them all once every file has finished. Dropping
// them file by file raced with other files' migrations (Kysely's introspection reads every schema).
// A run that was killed never reaches its teardown: the set-up drops the schemas of runs that
// started more than STALE_AFTER_MS ago (the run id starts with its start time), because every
// leftover schema slows the migrations' introspection of all later runs.
import pg from 'pg';

const STALE_AFTER_MS = 2 * 3_600_000;
const RUN_ID = /^wirewatch_test_t([0-9a-z]+)r[0-9a-z]+_/;

export default async function setup(): Promise<() => Promise<void>> {
  const run = `t${Date.now().toString(36)}r${Math.random().toString(36).slice(2, 6)}`;
  process.env['WIREWATCH_TEST_RUN'] = run;
  await dropSchemas((name) => {
    const started = RUN_ID.exec(name)?.[1];
    return started !== undefined && Date.now() - parseInt(started, 36) > STALE_AFTER_MS;
  });
  return () => dropSchemas((name) => name.startsWith(`wirewatch_test_${run}_`));
}

async function dropSchemas(drop: (name: string) => boolean): Promise<void> {
  const url = process.env['WIREWATCH_TEST_DATABASE_URL'];
  if (url === undefined || url === '') return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ nspname: string }>("select nspname from pg_namespace where starts_with(nspname, 'wirewatch_test_')");
    for (const { nspname } of rows) if (drop(nspname)) await client.query(`drop schema if exists "${nspname}" cascade`);
  } finally {
    await client.end();
  }
}
