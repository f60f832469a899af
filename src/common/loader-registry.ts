import DataLoader from 'dataloader';

/** A registry key for a relation and its arguments: equal arguments give equal keys. */
export function loaderKey(...parts: unknown[]): string {
  return JSON.stringify(parts);
}

/**
 * The DataLoaders of one request. A loader is keyed by the relation and its arguments, so
 * `subtasks(first: 5)` and `subtasks(first: 10)` never share a batch.
 */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(key: string, batch: DataLoader.BatchLoadFn<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(key) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch);
      this.loaders.set(key, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }
}
