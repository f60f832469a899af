import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';

const hasTaskset = spawnSync('taskset', ['--version']).status === 0;

/** Runs `node args` pinned to `core` when taskset exists (taskset execs, so the pid is node's). */
const children = new Set<ChildProcess>();

/** Leaves no server behind when the harness fails half-way. */
export function killChildren(): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
}

export function spawnNode(
  args: string[],
  env: NodeJS.ProcessEnv,
  core: number | null,
): ChildProcess {
  const [command, argv] =
    hasTaskset && core !== null
      ? ['taskset', ['-c', String(core), process.execPath, ...args]]
      : [process.execPath, args];
  const child = spawn(command, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Pins this process (the load generator) to a core. */
export function pinSelf(core: number): boolean {
  return (
    hasTaskset && spawnSync('taskset', ['-p', '-c', String(core), String(process.pid)]).status === 0
  );
}

export async function waitForOutput(
  child: ChildProcess,
  pattern: RegExp,
  timeoutMs = 60_000,
): Promise<void> {
  let seen = '';
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  try {
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        seen += chunk.toString();
        if (pattern.test(seen)) resolve();
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) =>
        reject(new Error(`process exited (${code}) before it was ready:\n${seen}`)),
      );
    });
  } finally {
    clearTimeout(timer);
  }
}

/** Peak resident set size (VmHWM) of a live process, in MB. */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

/** CPU time (user + system) a live process has used so far, in ms (clock ticks of 10 ms). */
export function cpuTimeMs(pid: number): number {
  // Fields after the command name, which may itself hold spaces: utime and stime are 14 and 15.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

export function hasCoreAffinity(): boolean {
  return hasTaskset;
}
