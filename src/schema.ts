import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from './common/auth-checker';
import { callFieldResolversDirectly } from './common/direct-resolvers';
import type { CostSettings } from './common/query-cost';
import { requireSignIn } from './common/sign-in-required';
import type { Config } from './config';
import { CategoryResolver } from './modules/document/category.resolver';
import { DocumentRevisionResolver } from './modules/document/document-revision.resolver';
import { MAX_TAGS_PER_DOCUMENT } from './modules/document/document-tags';
import { DocumentResolver } from './modules/document/document.resolver';
import { ProjectDocumentsResolver } from './modules/document/project-documents.resolver';
import { TagResolver } from './modules/document/tag.resolver';
import { HandoffEventResolver } from './modules/handoff/handoff-event.resolver';
import { HandoffResolver } from './modules/handoff/handoff.resolver';
import { ShiftResolver } from './modules/handoff/shift.resolver';
import { PlanActivityResolver } from './modules/plan/plan-activity.resolver';
import { PlanResolver } from './modules/plan/plan.resolver';
import { VenueResolver } from './modules/venue/venue.resolver';
import { BookingChangeResolver } from './modules/booking/booking-change.resolver';
import { BookingResolver } from './modules/booking/booking.resolver';
import { VenueBookingsResolver } from './modules/booking/venue-bookings.resolver';
import { NodeResolver } from './modules/node/node.resolver';
import { resolveNodeTypesAtOnce } from './common/node.interface';
import { ProjectMemberResolver } from './modules/project/project-member.resolver';
import { ProjectResolver } from './modules/project/project.resolver';
import { ProjectTasksResolver } from './modules/task/project-tasks.resolver';
import { TaskEventResolver } from './modules/task/task-event.resolver';
import { TaskResolver } from './modules/task/task.resolver';
import { TodoResolver } from './modules/task/todo.resolver';
import { AuthResolver } from './modules/user/auth.resolver';
import { SessionResolver } from './modules/user/session.resolver';
import { UserResolver } from './modules/user/user.resolver';

export const resolvers = [
  AuthResolver,
  UserResolver,
  SessionResolver,
  ProjectResolver,
  ProjectMemberResolver,
  TaskResolver,
  ProjectTasksResolver,
  TodoResolver,
  TaskEventResolver,
  DocumentResolver,
  DocumentRevisionResolver,
  CategoryResolver,
  TagResolver,
  ProjectDocumentsResolver,
  HandoffResolver,
  HandoffEventResolver,
  ShiftResolver,
  PlanResolver,
  PlanActivityResolver,
  VenueResolver,
  BookingResolver,
  BookingChangeResolver,
  VenueBookingsResolver,
  NodeResolver,
] as const;

/** The only root fields an anonymous caller may use; every other one needs a signed-in user. */
export const PUBLIC_ROOT_FIELDS: ReadonlySet<string> = new Set([
  'signUp',
  'logIn',
  'planByShareToken',
]);

/**
 * How the cost limit sizes lists: connections by their page size, `nodes(ids)` by its ids, the
 * lists below by their own bound, and any other list (a task's todos, a plan's days) as 10 items.
 */
export function costSettings(config: Config): CostSettings {
  return {
    defaultPageSize: config.defaultPageSize,
    listSize: 10,
    listSizes: {
      'Query.taskTree': config.taskTreeMaxNodes,
      'Document.tags': MAX_TAGS_PER_DOCUMENT,
    },
  };
}

export async function buildPorticoSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    authChecker,
    // class-validator's forbidUnknownValues would reject argument classes that have no rules.
    validate: { forbidUnknownValues: false },
  });
  requireSignIn(schema, PUBLIC_ROOT_FIELDS);
  resolveNodeTypesAtOnce(schema);
  callFieldResolversDirectly(schema);
  return schema;
}
