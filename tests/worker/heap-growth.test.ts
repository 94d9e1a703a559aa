// The worker's heap growth: set once at start unless node was given its own, and really applied.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { limitHeapGrowth, WORKER_HEAP_GROWING_PERCENT } from '../../src/worker/heap-growth.ts';

describe('limitHeapGrowth', () => {
  it('sets the worker heap growth when node was started without one', () => {
    const set: string[] = [];
    expect(limitHeapGrowth(['--enable-source-maps'], (flags) => set.push(flags))).toBe(`--heap-growing-percent=${WORKER_HEAP_GROWING_PERCENT}`);
    expect(set).toEqual([`--heap-growing-percent=${WORKER_HEAP_GROWING_PERCENT}`]);
  });

  it.each([['--heap-growing-percent=80'], ['--heap_growing_percent=80']])('leaves %s given to node alone', (arg) => {
    const set: string[] = [];
    expect(limitHeapGrowth([arg], (flags) => set.push(flags))).toBeNull();
    expect(set).toEqual([]);
  });

  it('is accepted by this node at run time (no unknown-flag warning)', () => {
    const run = spawnSync(process.execPath, ['-e', "require('node:v8').setFlagsFromString('--heap-growing-percent=30'); console.log('ok')"], { encoding: 'utf8' });
    expect(run.stdout.trim()).toBe('ok');
    expect(run.stderr).toBe('');
  });
});
