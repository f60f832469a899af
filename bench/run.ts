import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { recreateDatabase, startBenchPostgres, StatementCounter } from './bench-postgres';
import { runLoad } from './load';
import {
  cpuTimeMs,
  hasCoreAffinity,
  killChildren,
  peakRssMb,
  pinSelf,
  spawnNode,
  stop,
  waitForOutput,
} from './processes';
import { markdownTable, type Cell, type Sample } from './report';

/**
 * `npm run bench`: seeds a PostgreSQL database with the project's seeder, starts Portico as a
 * production process and the floor server, drives both with autocannon, and prints a Markdown
 * table (also written with the raw figures to bench/results/).
 */

const root = path.resolve(__dirname, '..', '..');
const SCALES = {
  tiny: {
    seed: [
      '--projects',
      '3',
      '--root-tasks',
      '5',
      '--subtasks',
      '3',
      '--depth',
      '2',
      '--tree-tasks',
      '100',
      '--handoffs',
      '40',
      '--plans-per-user',
      '3',
    ],
  },
  full: {
    seed: [
      '--users',
      '20',
      '--projects',
      '20',
      '--root-tasks',
      '25',
      '--subtasks',
      '10',
      '--depth',
      '2',
      '--tree-tasks',
      '1000',
      '--handoffs',
      '800',
      '--plans-per-user',
      '25',
      '--venues',
      '20',
    ],
  },
};
const FLOOR_OPERATIONS = ['3-board', '4-medium-tree'];
const SERVER_CORE = 0;
const LOAD_CORE = 1;

interface Operation {
  name: string;
  operationName: string;
  query: string;
  variables: Record<string, unknown>;
}

function loadOperations(ids: Record<string, string>): Operation[] {
  const dir = path.join(root, 'bench', 'operations');
  const variables = JSON.parse(
    readFileSync(path.join(dir, 'variables.json'), 'utf8').replace(
      /\{\{(\w+)\}\}/g,
      (_, key: string) => ids[key],
    ),
  ) as Record<string, Record<string, unknown>>;
  return (
    readdirSync(dir)
      .filter((file) => file.endsWith('.graphql'))
      // By number: 10-… after 9-….
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
      .map((file) => {
        const query = readFileSync(path.join(dir, file), 'utf8');
        const name = file.replace(/\.graphql$/, '');
        return {
          name,
          query,
          operationName: /(?:query|mutation) (\w+)/.exec(query)![1],
          variables: variables[name] ?? {},
        };
      })
  );
}

async function graphql(
  url: string,
  token: string | null,
  body: object,
): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok || json.errors)
    throw new Error(`${response.status} ${JSON.stringify(json).slice(0, 500)}`);
  return json;
}

/**
 * Statements one operation costs, from PostgreSQL's own count over requests sent one at a time
 * (under load, requests still in flight when a run ends would blur the division).
 */
async function exactStatements(
  counter: StatementCounter,
  target: string,
  headers: Record<string, string>,
  body: string,
  requests = 10,
): Promise<number> {
  await counter.reset();
  for (let i = 0; i < requests; i++) {
    const response = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    await response.arrayBuffer();
  }
  return Math.round(((await counter.calls()) / requests) * 100) / 100;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'full' },
      runs: { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string' },
      operations: { type: 'string' },
      'database-url': { type: 'string' },
      out: { type: 'string', default: path.join(root, 'bench', 'results') },
    },
  });
  const scale = values.scale === 'tiny' ? 'tiny' : 'full';
  const tiny = scale === 'tiny';
  const runs = Number(values.runs ?? (tiny ? 1 : 3));
  const duration = Number(values.duration ?? (tiny ? 1 : 4));
  const connectionLevels = (values.connections ?? (tiny ? '1,8' : '1,8,32')).split(',').map(Number);
  const startedAt = new Date();
  const pinned = pinSelf(LOAD_CORE);

  const postgres = await startBenchPostgres(values['database-url'], 54_000 + (process.pid % 1000));
  const cells: Cell[] = [];
  let stats: pg.Client | undefined;
  try {
    const url = await recreateDatabase(postgres.adminUrl, 'portico_bench');
    const seed = spawnNode(
      [path.join(root, 'dist', 'src', 'scripts', 'seed.js'), ...SCALES[scale].seed],
      { ...process.env, DATABASE_URL: url },
      null,
    );
    await waitForOutput(seed, /seeded/, 600_000);
    stats = new pg.Client({ connectionString: url });
    // The cluster stops at the end; a connection it cuts is expected then.
    stats.on('error', () => {});
    await stats.connect();
    const counter = new StatementCounter(stats, 'portico_bench');
    const ids = Object.fromEntries(
      (
        await stats.query<{ name: string; id: string }>(
          `select 'boardProjectId' as name, id from projects where key = 'OPS'
           union all select 'treeProjectId', id from projects where key = 'TREE'
           union all select 'mutationProjectId', id from projects where key = 'P001'
           union all select 'parentTaskId', (select t.id from tasks t join projects p on p.id = t.project_id
             where p.key = 'P001' and t.parent_id is null order by t.position limit 1)`,
        )
      ).rows.map((row) => [row.name, row.id]),
    );
    const only = values.operations?.split(',');
    const operations = loadOperations(ids).filter(
      (operation) => !only || only.some((name) => operation.name.includes(name)),
    );
    const cell = (server: Cell['server'], operation: string, connections: number) => {
      let found = cells.find(
        (c) => c.server === server && c.operation === operation && c.connections === connections,
      );
      if (!found) cells.push((found = { server, operation, connections, samples: [] }));
      return found;
    };
    /** A load run, with the CPU time the server (`pid`) spent per successful request. */
    const load = async (
      pid: number,
      target: string,
      headers: Record<string, string>,
      body: string,
      connections: number,
    ) => {
      const cpuBefore = cpuTimeMs(pid);
      const result = await runLoad({ url: target, body, headers, connections, duration });
      const cpuMsPerRequest = result.requests
        ? Math.round(((cpuTimeMs(pid) - cpuBefore) / result.requests) * 10) / 10
        : null;
      return { ...result, cpuMsPerRequest };
    };

    for (let run = 1; run <= runs; run++) {
      const port = 4500 + run;
      const server = spawnNode(
        [path.join(root, 'dist', 'src', 'server.js')],
        {
          ...process.env,
          NODE_ENV: 'production',
          LOG_LEVEL: 'warn',
          DATABASE_URL: url,
          PORT: String(port),
          HOST: '127.0.0.1',
          SEED_DEMO: 'false',
          DB_POOL_MAX: '10',
          // Node or V8 flags for Portico alone (not the floor or the harness), to compare settings.
          NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS ?? '',
        },
        SERVER_CORE,
      );
      await waitForOutput(server, /Portico ready/);
      const target = `http://127.0.0.1:${port}/graphql`;
      const login = await graphql(target, null, {
        query:
          'mutation { logIn(input: { login: "member1@portico.dev", password: "portico-demo" }) { token } }',
      });
      const token = (login.data as { logIn: { token: string } }).logIn.token;
      const headers = { authorization: `Bearer ${token}` };
      const bodies = operations.map((operation) =>
        JSON.stringify({
          query: operation.query,
          variables: operation.variables,
          operationName: operation.operationName,
        }),
      );
      // Statement counts first, before any load: requests a load run leaves in flight when it
      // stops would still be issuing statements.
      const counts: number[] = [];
      for (const body of bodies) {
        await graphql(target, token, JSON.parse(body) as object);
        counts.push(await exactStatements(counter, target, headers, body));
      }
      for (const [index, operation] of operations.entries()) {
        const body = bodies[index];
        const statementsPerOperation = counts[index];
        await load(server.pid!, target, headers, body, 8); // warm-up
        for (const connections of connectionLevels) {
          const result = await load(server.pid!, target, headers, body, connections);
          const sample: Sample = { ...result, statementsPerOperation, peakRssMb: null };
          cell('portico', operation.name, connections).samples.push(sample);
          process.stderr.write(
            `run ${run} ${operation.name} c=${connections}: ${result.rps} req/s, ${result.cpuMsPerRequest} CPU ms/req, ${sample.statementsPerOperation} SQL/op\n`,
          );
        }
      }
      const rss = peakRssMb(server.pid!);
      for (const c of cells.filter((c) => c.server === 'portico'))
        c.samples[c.samples.length - 1].peakRssMb = rss;
      await stop(server);

      const floorPort = 4600 + run;
      const floor = spawnNode(
        [path.join(root, 'dist', 'bench', 'floor-server.js'), url, String(floorPort), '10'],
        process.env,
        SERVER_CORE,
      );
      await waitForOutput(floor, /ready/);
      const floorTarget = `http://127.0.0.1:${floorPort}/`;
      const floorOperations = operations.filter((o) => FLOOR_OPERATIONS.includes(o.name));
      const floorBodies = floorOperations.map((operation) =>
        JSON.stringify({ operationName: operation.operationName, variables: operation.variables }),
      );
      const floorCounts: number[] = [];
      for (const body of floorBodies) {
        floorCounts.push(await exactStatements(counter, floorTarget, {}, body));
      }
      for (const [index, operation] of floorOperations.entries()) {
        const body = floorBodies[index];
        const statementsPerOperation = floorCounts[index];
        await load(floor.pid!, floorTarget, {}, body, 8);
        for (const connections of connectionLevels) {
          const result = await load(floor.pid!, floorTarget, {}, body, connections);
          cell('floor', operation.name, connections).samples.push({
            ...result,
            statementsPerOperation,
            peakRssMb: null,
          });
        }
      }
      const floorRss = peakRssMb(floor.pid!);
      for (const c of cells.filter((c) => c.server === 'floor'))
        c.samples[c.samples.length - 1].peakRssMb = floorRss;
      await stop(floor);
    }
  } finally {
    killChildren();
    await stats?.end();
    await postgres.stop();
  }

  // Portico rows first, each floor row after the operation it bounds.
  cells.sort(
    (a, b) =>
      a.operation.localeCompare(b.operation) ||
      a.connections - b.connections ||
      (a.server === 'floor' ? 1 : -1),
  );
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const table = markdownTable(cells);
  const header = [
    `Portico benchmark, scale ${scale}, ${runs} run(s) of ${duration} s per cell, ${startedAt.toISOString()}`,
    `Machine: ${machine}. PostgreSQL: ${postgres.origin}. Core pinning: ${pinned && hasCoreAffinity() ? `server core ${SERVER_CORE}, load generator core ${LOAD_CORE}` : 'none (taskset unavailable)'}.`,
    "Medians; (min–max) over runs. CPU ms/req: the server process's CPU time (user + system, from /proc) over the cell per successful request; the floor's work is mostly PostgreSQL's. SQL/op: statements per request counted by pg_stat_statements over 10 sequential requests, BEGIN/COMMIT included.",
  ].join('\n');
  const report = `${header}\n\n${table}\n`;
  process.stdout.write(`\n${report}`);
  mkdirSync(values.out!, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  writeFileSync(
    path.join(values.out!, `bench-${scale}-${stamp}.json`),
    JSON.stringify(
      { scale, runs, duration, machine, postgres: postgres.origin, startedAt, cells },
      null,
      2,
    ),
  );
  writeFileSync(path.join(values.out!, `bench-${scale}-latest.md`), report);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`benchmark failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
