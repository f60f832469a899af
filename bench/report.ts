export interface Sample {
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  bytesPerResponse: number;
  statementsPerOperation: number | null;
  /** The server process's CPU time over the cell divided by its successful requests. */
  cpuMsPerRequest: number | null;
  peakRssMb: number | null;
  errors: number;
}

export interface Cell {
  server: 'portico' | 'floor';
  operation: string;
  connections: number;
  samples: Sample[];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

function stat(cell: Cell, pick: (s: Sample) => number | null, digits = 1): string {
  const values = cell.samples.map(pick).filter((v): v is number => v !== null);
  if (!values.length) return 'n/a';
  const m = median(values);
  if (values.length === 1) return fmt(m, digits);
  return `${fmt(m, digits)} (${fmt(Math.min(...values), digits)}–${fmt(Math.max(...values), digits)})`;
}

/** One row per operation and concurrency: medians, with min–max over the runs in brackets. */
export function markdownTable(cells: Cell[]): string {
  const floor = (operation: string, connections: number) =>
    cells.find(
      (c) => c.server === 'floor' && c.operation === operation && c.connections === connections,
    );
  const lines = [
    '| operation | conns | req/s | vs floor | CPU ms/req | p50 ms | p90 ms | p99 ms | bytes/resp | SQL/op | peak RSS MB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const cell of cells) {
    const base = cell.server === 'floor' ? null : floor(cell.operation, cell.connections);
    const ratio = base
      ? fmt(median(cell.samples.map((s) => s.rps)) / median(base.samples.map((s) => s.rps)), 2) +
        '×'
      : '';
    const name = cell.server === 'floor' ? `${cell.operation} — floor` : cell.operation;
    lines.push(
      `| ${name} | ${cell.connections} | ${stat(cell, (s) => s.rps)} | ${ratio} | ${stat(cell, (s) => s.cpuMsPerRequest)} | ${stat(cell, (s) => s.p50, 0)} | ` +
        `${stat(cell, (s) => s.p90, 0)} | ${stat(cell, (s) => s.p99, 0)} | ${stat(cell, (s) => s.bytesPerResponse, 0)} | ` +
        `${stat(cell, (s) => s.statementsPerOperation, 2)} | ${stat(cell, (s) => s.peakRssMb)} |`,
    );
  }
  return lines.join('\n');
}
