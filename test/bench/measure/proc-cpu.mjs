/**
 * CPU time from Linux's /proc, for the benchmarks that run Chromium: the whole browser's, and the extension's
 * service worker thread's. Both give null elsewhere, and the benchmarks then leave those columns empty.
 */
import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time (ms) used so far by this process's descendants (the browser's processes), from Linux /proc; null
 * elsewhere.
 */
export function browserCpuMs() {
  try {
    const ticks = descendants().reduce((n, p) => n + p.ticks, 0);
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/** This process's descendants (the browser's processes), each with its CPU ticks so far. */
function descendants() {
  const stats = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((pid) => {
      try {
        // Fields after the command name (which may hold spaces): state ppid … utime(14) stime(15).
        const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
        return [{ pid: Number(pid), ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) }];
      } catch {
        return [];
      }
    });
  const children = new Map();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  const out = [];
  const walk = (pid) => {
    for (const c of children.get(pid) ?? []) {
      out.push(c);
      walk(c.pid);
    }
  };
  walk(process.pid);
  return out;
}

/**
 * CPU time (ns) of the browser's threads, summed by "process: thread name" (Chromium names its threads; the
 * process is its --type, the extension's renderer marked, a utility process by its service). A process that has
 * exited by the time of a reading (a closed page's renderer) is not in it. Null elsewhere.
 */
export function browserThreadsCpuNs() {
  try {
    const out = new Map();
    for (const { pid } of descendants()) {
      let cmd;
      try {
        cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        continue;
      }
      const service = /--utility-sub-type=([\w.]+)/.exec(cmd)?.[1]?.split('.').pop();
      const kind = /--type=([a-z-]+)/.exec(cmd)?.[1] ?? 'browser';
      const processName = cmd.includes('--extension-process') ? 'extension renderer' : service ? `${kind} (${service})` : kind;
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        try {
          const key = `${processName}: ${readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim()}`;
          out.set(key, (out.get(key) ?? 0) + Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]));
        } catch {
          // The thread ended between listing and reading.
        }
      }
    }
    return out;
  } catch {
    return null;
  }
}

/**
 * Nanoseconds the extension's service worker thread has run on a CPU, from Linux's schedstat, with the thread it
 * was read from; null elsewhere or when no such thread is found (only one browser runs at a time here).
 */
function workerThreadCpu() {
  try {
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      let cmd;
      try {
        cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        continue;
      }
      if (!cmd.includes('--extension-process')) continue;
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        if (!readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').startsWith('ServiceWorker')) continue;
        return { thread: `${pid}/${tid}`, ns: Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]) };
      }
    }
  } catch {
    // Not Linux, or the process went away.
  }
  return null;
}

/**
 * Starts counting the worker thread's CPU time; the returned function gives the milliseconds since, or null when
 * it could not be read or the worker is no longer the same thread (it stopped and another started).
 */
export function workerCpuSince() {
  const start = workerThreadCpu();
  return () => {
    const now = start && workerThreadCpu();
    return now && now.thread === start.thread ? (now.ns - start.ns) / 1e6 : null;
  };
}
