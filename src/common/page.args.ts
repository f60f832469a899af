import { ArgsType, Field, Int } from 'type-graphql';

/** Relay page arguments: `first`/`after` read forwards, `last`/`before` backwards. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description:
      'Page size, reading forwards: 1 to MAX_PAGE_SIZE (100 by default); larger values are refused. Defaults to DEFAULT_PAGE_SIZE.',
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return the items after this cursor.' })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Page size, reading backwards from the end (or from `before`): 1 to MAX_PAGE_SIZE.',
  })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Return the items before this cursor.' })
  before?: string | null;
}
