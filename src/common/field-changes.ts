/** What an audit event records: field name → its value before and after. */
export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

type Snapshot = Record<string, unknown>;

function comparable(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : (value ?? null);
}

/** The fields whose values differ between two snapshots, as { from, to }. */
export function changedFields(before: Snapshot, after: Snapshot): FieldChanges {
  const changes: FieldChanges = {};
  for (const field of Object.keys(after)) {
    const from = comparable(before[field]);
    const to = comparable(after[field]);
    if (from !== to) changes[field] = { from, to };
  }
  return changes;
}
