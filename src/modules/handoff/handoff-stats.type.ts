import { Field, Int, ObjectType } from 'type-graphql';
import { Priority } from '../../common/priority.enum';
import { HandoffStatus } from './handoff-status.enum';
import { Shift } from './shift.entity';

@ObjectType({ simpleResolvers: true })
export class HandoffStatusCount {
  @Field(() => HandoffStatus)
  status!: HandoffStatus;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ simpleResolvers: true })
export class HandoffPriorityCount {
  @Field(() => Priority)
  priority!: Priority;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ simpleResolvers: true, description: "A shift's handoffs, counted." })
export class HandoffStats {
  @Field(() => Shift)
  shift!: Shift;

  @Field(() => Int, { description: 'Every handoff of the shift, closed ones included.' })
  total!: number;

  @Field(() => [HandoffStatusCount], { description: 'Per status, every status listed.' })
  byStatus!: HandoffStatusCount[];

  @Field(() => [HandoffPriorityCount], {
    description:
      'The OPEN and ACKNOWLEDGED handoffs per priority, most urgent first, every priority listed.',
  })
  byPriority!: HandoffPriorityCount[];

  @Field(() => Int, { description: 'OPEN and ACKNOWLEDGED handoffs whose due date has passed.' })
  overdue!: number;
}
