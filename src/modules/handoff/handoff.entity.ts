import {
  Check,
  Entity,
  Enum,
  Index,
  ManyToOne,
  Property,
  type Opt,
  type Ref,
} from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import { Node } from '../../common/node.interface';
import { Priority, priorityRankCheck } from '../../common/priority.enum';
import { User } from '../user/user.entity';
import { HandoffStatus } from './handoff-status.enum';
import { Shift } from './shift.entity';

@ObjectType({
  implements: Node,
  simpleResolvers: true,
  description: 'Work handed from one shift to the next, with an enforced status machine.',
})
@Entity({ tableName: 'handoffs' })
// The shift board reads its page in index order and stops: one shift's OPEN and ACKNOWLEDGED
// handoffs (a partial index; closed ones pile up and are never on a board) in the board's order.
@Index({
  name: 'handoffs_board_index',
  expression: `create index "handoffs_board_index" on "handoffs" ("shift_id", "priority_rank" desc, "due_date", "id") where "status" in ('OPEN', 'ACKNOWLEDGED')`,
})
// Every handoff of a shift by status: the stats, and the shift foreign key's index.
@Index({ name: 'handoffs_shift_id_status_index', properties: ['shift', 'status'] })
// The reference design's indexes (seed 004).
@Index({ name: 'handoffs_status_created_at_index', properties: ['status', 'createdAt'] })
@Index({ name: 'handoffs_assignee_id_priority_index', properties: ['assignee', 'priority'] })
@Index({ name: 'handoffs_reporter_id_status_index', properties: ['reporter', 'status'] })
@Index({ name: 'handoffs_due_date_index', properties: ['dueDate'] })
@Check({ name: 'handoffs_title_check', expression: 'length(title) >= 1 and length(title) <= 200' })
@Check({
  name: 'handoffs_priority_rank_check',
  expression: priorityRankCheck('priority', 'priority_rank'),
})
// The timestamps and the resolution follow the status: a row cannot claim to be closed without
// having been closed.
@Check({
  name: 'handoffs_status_fields_check',
  expression:
    "(status = 'OPEN' and acknowledged_at is null and closed_at is null and resolution is null)" +
    " or (status = 'ACKNOWLEDGED' and acknowledged_at is not null and closed_at is null and resolution is null)" +
    " or (status = 'CLOSED' and closed_at is not null and resolution is not null and length(resolution) > 0)",
})
@Check({ name: 'handoffs_version_check', expression: 'version >= 1' })
export class Handoff extends BaseEntity {
  @Field()
  @Property({ length: 200 })
  title!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'An external ticket reference.' })
  @Property({ length: 100, nullable: true })
  ticket?: string | null;

  @Field(() => String, { nullable: true, description: 'The machine the handoff is about.' })
  @Property({ length: 255, nullable: true })
  hostname?: string | null;

  @Field(() => Priority)
  @Enum({ items: () => Priority })
  priority: Priority & Opt = Priority.MEDIUM;

  /** The priority as a number (LOW 1 … CRITICAL 4), so that the board sorts by urgency. */
  @Property({ type: 'smallint' })
  priorityRank: number & Opt = 2;

  @Field(() => HandoffStatus)
  @Enum({ items: () => HandoffStatus })
  status: HandoffStatus & Opt = HandoffStatus.OPEN;

  @ManyToOne(() => Shift, { ref: true, deleteRule: 'restrict' })
  shift!: Ref<Shift>;

  @ManyToOne(() => User, { ref: true, deleteRule: 'restrict' })
  reporter!: Ref<User>;

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  assignee?: Ref<User> | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  dueDate?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Set by acknowledging; cleared by reopening.' })
  @Property({ type: 'datetime', nullable: true })
  acknowledgedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Set by closing; cleared by reopening.' })
  @Property({ type: 'datetime', nullable: true })
  closedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'How it was closed; required to close.' })
  @Property({ type: 'text', nullable: true })
  resolution?: string | null;

  @Field(() => Int, { description: 'Raised by every change; starts at 1.' })
  @Property({ type: 'integer' })
  version: number & Opt = 1;
}
