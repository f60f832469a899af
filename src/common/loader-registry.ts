import DataLoader from 'dataloader';

/** A registry key for a relation and its arguments: equal arguments give equal keys. */
export function loaderKey(...parts: unknown[]): string {
  return JSON.stringify(parts);
}

/**
 * Keys per batch statement; a larger batch becomes several statements. The shared batch
 * functions pass their keys as one parameter (`whereKeyIn`), but a module's own batch function
 * may still write a placeholder per key (`whereIn`): at this size no statement comes near
 * PostgreSQL's 65,535 or SQLite's 32,766 parameters, and no one statement's rows grow unbounded.
 */
export const MAX_BATCH_SIZE = 5000;

/**
 * The DataLoaders of one request. A loader is keyed by the relation and its arguments, so
 * `subtasks(first: 5)` and `subtasks(first: 10)` never share a batch.
 */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();
  private queue: Promise<unknown> = Promise.resolve();

  /**
   * @param exclusive true while the request's statements share one connection (a mutation's
   * transaction): batches then run one after another instead of all at once on it.
   */
  constructor(private readonly exclusive: () => boolean = () => false) {}

  get<K, V>(key: string, batch: DataLoader.BatchLoadFn<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(key) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>((keys) => this.run(() => batch(keys)), {
        maxBatchSize: MAX_BATCH_SIZE,
      });
      this.loaders.set(key, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }

  private run<T>(work: () => PromiseLike<T>): PromiseLike<T> {
    if (!this.exclusive()) return work();
    const next = this.queue.then(work, work);
    this.queue = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }
}
