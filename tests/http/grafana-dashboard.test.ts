// The sample Grafana dashboard only queries metrics wirewatch exports.
import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { renderMetrics } from '../../src/metrics/metrics.ts';

it('every metric the dashboard queries is exported', async () => {
  const dashboard = JSON.parse(await readFile(new URL('../../docs/grafana-dashboard.json', import.meta.url), 'utf8')) as {
    panels: { title: string; targets: { expr: string }[] }[];
  };
  const exported = new Set([...(await renderMetrics()).body.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]));
  const queried = new Set(dashboard.panels.flatMap((p) => p.targets.flatMap((t) => [...t.expr.matchAll(/\b((?:wirewatch|nodejs|process)_[a-z0-9_]+)/g)].map((m) => m[1] ?? ''))));
  const missing = [...queried].filter((name) => !exported.has(name) && !exported.has(name.replace(/_(bucket|sum|count)$/, '')));
  expect(queried.size).toBeGreaterThan(10);
  expect(missing).toEqual([]);
});
