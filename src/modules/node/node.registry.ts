import type { EntityName } from '@mikro-orm/core';
import type DataLoader from 'dataloader';
import type { Context } from '../../context';
import { Category } from '../document/category.entity';
import { DocumentRevision } from '../document/document-revision.entity';
import { Document } from '../document/document.entity';
import { documentLoaders, documentRevisionLoaders, tagLoaders } from '../document/document.loaders';
import { Tag } from '../document/tag.entity';
import { HandoffEvent } from '../handoff/handoff-event.entity';
import { Handoff } from '../handoff/handoff.entity';
import { handoffEventLoaders, handoffLoaders, shiftLoaders } from '../handoff/handoff.loaders';
import { Shift } from '../handoff/shift.entity';
import { PlanActivity } from '../plan/plan-activity.entity';
import { PlanShareLink } from '../plan/plan-share-link.entity';
import { Plan } from '../plan/plan.entity';
import { planActivityLoaders, planLoaders, shareLinkLoaders } from '../plan/plan.loaders';
import { Venue } from '../venue/venue.entity';
import { venueLoaders } from '../venue/venue.loaders';
import { BookingChange } from '../booking/booking-change.entity';
import { Booking } from '../booking/booking.entity';
import { bookingChangeLoaders, bookingLoaders } from '../booking/booking.loaders';
import { Project } from '../project/project.entity';
import { projectLoaders } from '../project/project.loaders';
import { TaskEvent } from '../task/task-event.entity';
import { Task } from '../task/task.entity';
import { taskEventLoaders, taskLoaders, todoLoaders } from '../task/task.loaders';
import { Todo } from '../task/todo.entity';
import { Session } from '../user/session.entity';
import { User } from '../user/user.entity';
import { sessionLoaders, userLoaders } from '../user/user.loaders';

/** One object type that implements Node: its table, and its own batched, access-checked lookup. */
export interface NodeType {
  /** The GraphQL object type's name. */
  name: string;
  entity: EntityName<{ id: string }>;
  /** Answers null for an id the caller may not read, exactly as the type's own lookups do. */
  byId(ctx: Context): DataLoader<string, object | null>;
}

/**
 * Every object type that implements Node. `test/node.test.ts` checks this list against the
 * schema's implementations, so a type cannot implement Node without a lookup here.
 */
export const NODE_TYPES: readonly NodeType[] = [
  { name: 'User', entity: User, byId: userLoaders.byId },
  { name: 'Session', entity: Session, byId: sessionLoaders.byId },
  { name: 'Project', entity: Project, byId: projectLoaders.byId },
  { name: 'Task', entity: Task, byId: taskLoaders.byId },
  { name: 'Todo', entity: Todo, byId: todoLoaders.byId },
  { name: 'TaskEvent', entity: TaskEvent, byId: taskEventLoaders.byId },
  { name: 'Document', entity: Document, byId: documentLoaders.byId },
  { name: 'DocumentRevision', entity: DocumentRevision, byId: documentRevisionLoaders.byId },
  { name: 'Category', entity: Category, byId: documentLoaders.category },
  { name: 'Tag', entity: Tag, byId: tagLoaders.byId },
  { name: 'Shift', entity: Shift, byId: shiftLoaders.byId },
  { name: 'Handoff', entity: Handoff, byId: handoffLoaders.byId },
  { name: 'HandoffEvent', entity: HandoffEvent, byId: handoffEventLoaders.byId },
  { name: 'Plan', entity: Plan, byId: planLoaders.byId },
  { name: 'PlanActivity', entity: PlanActivity, byId: planActivityLoaders.byId },
  { name: 'PlanShareLink', entity: PlanShareLink, byId: shareLinkLoaders.byId },
  { name: 'Venue', entity: Venue, byId: venueLoaders.byId },
  { name: 'Booking', entity: Booking, byId: bookingLoaders.byId },
  { name: 'BookingChange', entity: BookingChange, byId: bookingChangeLoaders.byId },
];

export const NODE_TYPE_BY_NAME: ReadonlyMap<string, NodeType> = new Map(
  NODE_TYPES.map((type) => [type.name, type]),
);
