// Samples a process's CPU time and resident memory from /proc (Linux): the capacity benchmark's
// view of each worker it runs.
import { readFileSync } from 'node:fs';

export interface ProcessSample {
  /** User + system CPU time so far, ms (0 once the process is gone). */
  cpuMs(): number;
  /** Peak resident set (VmHWM), MB, the highest seen while the process lived. */
  peakRssMb(): number;
  /** The highest resident set sampled (once a second) since `since` (epoch ms), MB. */
  peakRssSinceMb(since: number): number;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export function sampleProcess(pid: number): ProcessSample {
  let peak = 0;
  let lastCpu = 0;
  const resident: { at: number; mb: number }[] = [];
  const read = (): void => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      peak = Math.max(peak, Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024);
      resident.push({ at: Date.now(), mb: Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024 });
      // Fields after the command name (which may hold spaces): state is field 3; utime, stime are 14, 15.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      lastCpu = ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
    } catch {
      // the process has exited: keep the last figures
    }
  };
  const timer = setInterval(read, 1000);
  timer.unref();
  return {
    cpuMs() {
      read();
      return lastCpu;
    },
    peakRssMb() {
      read();
      return peak;
    },
    peakRssSinceMb(since) {
      read();
      return resident.reduce((max, r) => (r.at >= since ? Math.max(max, r.mb) : max), 0);
    },
  };
}
