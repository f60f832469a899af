import autocannon from 'autocannon';

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  bytesPerResponse: number;
  errors: number;
}

export interface LoadOptions {
  url: string;
  body: string;
  headers: Record<string, string>;
  connections: number;
  /** Seconds. */
  duration: number;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const started = performance.now();
  const result = await autocannon({
    url: options.url,
    method: 'POST',
    body: options.body,
    headers: { 'content-type': 'application/json', ...options.headers },
    connections: options.connections,
    duration: options.duration,
  });
  const seconds = (performance.now() - started) / 1000;
  const ok = result['2xx'];
  return {
    requests: ok,
    rps: Math.round((ok / seconds) * 10) / 10,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    bytesPerResponse: ok ? Math.round(result.throughput.total / ok) : 0,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}
