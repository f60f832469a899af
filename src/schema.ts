import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from './common/auth-checker';
import { CategoryResolver } from './modules/document/category.resolver';
import { DocumentRevisionResolver } from './modules/document/document-revision.resolver';
import { DocumentResolver } from './modules/document/document.resolver';
import { ProjectDocumentsResolver } from './modules/document/project-documents.resolver';
import { TagResolver } from './modules/document/tag.resolver';
import { ProjectResolver } from './modules/project/project.resolver';
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
  TaskResolver,
  TodoResolver,
  TaskEventResolver,
  DocumentResolver,
  DocumentRevisionResolver,
  CategoryResolver,
  TagResolver,
  ProjectDocumentsResolver,
] as const;

export function buildPorticoSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    authChecker,
    // class-validator's forbidUnknownValues would reject argument classes that have no rules.
    validate: { forbidUnknownValues: false },
  });
}
