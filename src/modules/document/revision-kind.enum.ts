import { registerEnumType } from 'type-graphql';

/** What a revision row stores. */
export enum RevisionKind {
  /** The full text, compressed: a starting point for rebuilding later revisions. */
  SNAPSHOT = 'SNAPSHOT',
  /** The unified diff from the previous revision, compressed. */
  DIFF = 'DIFF',
}

registerEnumType(RevisionKind, { name: 'RevisionKind' });
