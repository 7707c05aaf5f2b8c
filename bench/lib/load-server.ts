/**
 * What the load benchmark watches on the server side: resident memory of server processes
 * (/proc/<pid>/status, Linux), their CPU time, the machine's busy share, and every 5xx the
 * servers log (Fastify logs each reply's status in "request completed"; errors in
 * "request failed").
 */
import { readFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Resident memory now, in MiB (NaN once the process is gone). */
export const rssMb = (pid: number): number => statusField(pid, 'VmRSS');
/** The kernel's high-water mark of resident memory, in MiB. */
export const peakRssMb = (pid: number): number => statusField(pid, 'VmHWM');

/** User + system CPU time of a process, in ms (clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** Busy and total jiffies of the whole machine (every core). */
export function machineTicks(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = cpu.reduce((a, b) => a + b, 0);
  const idle = cpu[3]! + (cpu[4] ?? 0);
  return { busy: total - idle, total };
}

export interface RssSampler {
  stop(): { startMb: number; peakMb: number; endMb: number; meanMb: number; samples: number };
}

/** Samples the summed RSS of `pids` every `everyMs`. */
export function sampleRss(pids: number[], everyMs = 250): RssSampler {
  const values: number[] = [];
  const take = () => {
    const v = pids.reduce((sum, pid) => sum + rssMb(pid), 0);
    if (Number.isFinite(v)) values.push(v);
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return {
        startMb: values[0] ?? NaN,
        peakMb: Math.max(...values),
        endMb: values[values.length - 1] ?? NaN,
        meanMb: values.reduce((a, b) => a + b, 0) / Math.max(1, values.length),
        samples: values.length,
      };
    },
  };
}

export interface ServerErrorLog {
  /** 5xx replies the server logged, by status. */
  byStatus: Record<string, number>;
  total(): number;
  /** The first few log lines of 5xx replies or failed requests. */
  examples: string[];
}

/** Counts the 5xx replies in a spawned server's JSON log (stdout). */
export function watchServerErrors(child: ChildProcess, into?: ServerErrorLog): ServerErrorLog {
  const log: ServerErrorLog = into ?? {
    byStatus: {},
    examples: [],
    total() {
      return Object.values(this.byStatus).reduce((a, b) => a + b, 0);
    },
  };
  let rest = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      const m = /"statusCode":(5\d\d)/.exec(line);
      if (m && line.includes('"request completed"')) log.byStatus[m[1]!] = (log.byStatus[m[1]!] ?? 0) + 1;
      if ((m || line.includes('"request failed"')) && log.examples.length < 5) log.examples.push(line.slice(0, 500));
    }
  });
  return log;
}
