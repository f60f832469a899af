import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { PageSlice } from './page';

@ObjectType({
  simpleResolvers: true,
  description: 'Where a page sits in its list (Relay cursor connections).',
})
export class PageInfo {
  @Field({
    description:
      'Reading forwards: true when items come after the page. Reading backwards: true when the page was asked for with `before`.',
  })
  hasNextPage!: boolean;

  @Field({
    description:
      'Reading forwards: true when the page was asked for with `after`. Reading backwards: true when items come before it.',
  })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** What a resolver hands to a connection: the page, how to make cursors, and how to count. */
export interface ConnectionSource<T> {
  slice: PageSlice<T>;
  cursorOf(node: T): string;
  /** Runs only when the client selects `totalCount`. */
  count(): Promise<number>;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** Builds `<Node>Connection` and `<Node>Edge` object types for one node type. */
export function Connection<T extends object>(Node: ClassType<T>) {
  @ObjectType(`${Node.name}Edge`, { simpleResolvers: true })
  class EdgeType implements Edge<T> {
    @Field()
    cursor!: string;

    @Field(() => Node)
    node!: T;
  }

  @ObjectType({ simpleResolvers: true })
  abstract class ConnectionType {
    constructor(readonly source: ConnectionSource<T>) {}

    @Field(() => [EdgeType])
    get edges(): Edge<T>[] {
      return this.source.slice.items.map((node) => ({ cursor: this.source.cursorOf(node), node }));
    }

    @Field(() => [Node])
    get nodes(): T[] {
      return this.source.slice.items;
    }

    @Field(() => PageInfo)
    get pageInfo(): PageInfo {
      const { items, hasNextPage, hasPreviousPage } = this.source.slice;
      return {
        hasNextPage,
        hasPreviousPage,
        startCursor: items.length ? this.source.cursorOf(items[0]) : null,
        endCursor: items.length ? this.source.cursorOf(items[items.length - 1]) : null,
      };
    }

    @Field(() => Int, { description: 'All items in the list, across pages.' })
    totalCount(): Promise<number> {
      return this.source.count();
    }
  }
  return ConnectionType;
}
