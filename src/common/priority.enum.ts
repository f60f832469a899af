import { registerEnumType } from 'type-graphql';

export enum Priority {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}

registerEnumType(Priority, { name: 'Priority', description: 'How urgent a project or task is.' });

/** Priorities sort by urgency, not by name: LOW 1 … CRITICAL 4. */
export const PRIORITY_RANK: Readonly<Record<Priority, number>> = {
  [Priority.LOW]: 1,
  [Priority.MEDIUM]: 2,
  [Priority.HIGH]: 3,
  [Priority.CRITICAL]: 4,
};

/** A CHECK expression that keeps a stored rank equal to the rank of the stored priority. */
export function priorityRankCheck(priorityColumn: string, rankColumn: string): string {
  return Object.entries(PRIORITY_RANK)
    .map(([name, rank]) => `(${priorityColumn} = '${name}' and ${rankColumn} = ${rank})`)
    .join(' or ');
}
