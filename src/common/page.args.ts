import { Field, Int, ArgsType } from 'type-graphql';

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description:
      'Page size: 1 to MAX_PAGE_SIZE (100 by default); larger values are refused. Defaults to DEFAULT_PAGE_SIZE.',
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return the items after this cursor.' })
  after?: string | null;
}
