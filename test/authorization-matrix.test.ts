import { createHash, randomBytes } from 'node:crypto';
import type { FormattedExecutionResult } from 'graphql';
import { BookingStatus } from '../src/modules/booking/booking-status.enum';
import { Booking } from '../src/modules/booking/booking.entity';
import { Category } from '../src/modules/document/category.entity';
import { VenueHours } from '../src/modules/venue/venue-hours.entity';
import { VenueClosure } from '../src/modules/venue/venue-closure.entity';
import { VenueManager } from '../src/modules/venue/venue-manager.entity';
import { Venue } from '../src/modules/venue/venue.entity';
import { PlanActivity } from '../src/modules/plan/plan-activity.entity';
import { PlanShareLink } from '../src/modules/plan/plan-share-link.entity';
import { Plan } from '../src/modules/plan/plan.entity';
import { HandoffStatus } from '../src/modules/handoff/handoff-status.enum';
import { Handoff } from '../src/modules/handoff/handoff.entity';
import { Shift } from '../src/modules/handoff/shift.entity';
import { ProjectMember } from '../src/modules/project/project-member.entity';
import { ProjectRole } from '../src/modules/project/project-role.enum';
import { ProjectVisibility } from '../src/modules/project/project-visibility.enum';
import { Project } from '../src/modules/project/project.entity';
import { TaskDependency } from '../src/modules/task/task-dependency.entity';
import { Task } from '../src/modules/task/task.entity';
import { Todo } from '../src/modules/task/todo.entity';
import { createContext } from '../src/context';
import { createDocument, deleteDocument } from '../src/modules/document/document.service';
import { hashPassword } from '../src/modules/user/password';
import { Role } from '../src/modules/user/role.enum';
import { createSession } from '../src/modules/user/session.service';
import { User } from '../src/modules/user/user.entity';
import { buildPorticoSchema } from '../src/schema';
import { startTestServer, type TestServer, type TestUser } from '../src/testing/test-server';
import { dialects } from './support';

/**
 * Every root Query and Mutation field, called as each persona on a PRIVATE and an INTERNAL
 * project, answers as the one table below says. The fields come from the schema itself: one
 * the table does not name fails the test, so a new operation cannot go unreviewed.
 */

const PERSONAS = ['anonymous', 'nonMember', 'viewer', 'editor', 'lead', 'admin'] as const;
type Persona = (typeof PERSONAS)[number];
type Visibility = 'PRIVATE' | 'INTERNAL';

/** OK: data, no error; NULL: the field answered null (a lookup of what cannot be read); else the error code. */
type Outcome =
  'OK' | 'NULL' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'BAD_USER_INPUT';
type Expected = Record<Persona, Outcome | Record<Visibility, Outcome>>;

// The rules, each written out persona by persona.
const PUBLIC: Expected = {
  anonymous: 'OK',
  nonMember: 'OK',
  viewer: 'OK',
  editor: 'OK',
  lead: 'OK',
  admin: 'OK',
};
const SIGNED_IN: Expected = { ...PUBLIC, anonymous: 'UNAUTHENTICATED' };
const ADMIN_ONLY: Expected = {
  anonymous: 'UNAUTHENTICATED',
  nonMember: 'FORBIDDEN',
  viewer: 'FORBIDDEN',
  editor: 'FORBIDDEN',
  lead: 'FORBIDDEN',
  admin: 'OK',
};
/** A lookup: what cannot be read is null, exactly like what does not exist. */
const READ_LOOKUP: Expected = { ...SIGNED_IN, nonMember: { PRIVATE: 'NULL', INTERNAL: 'OK' } };
/** An operation on a project's data: what cannot be read is NOT_FOUND. */
const READ: Expected = { ...SIGNED_IN, nonMember: { PRIVATE: 'NOT_FOUND', INTERNAL: 'OK' } };
const EDIT: Expected = {
  anonymous: 'UNAUTHENTICATED',
  nonMember: { PRIVATE: 'NOT_FOUND', INTERNAL: 'FORBIDDEN' },
  viewer: 'FORBIDDEN',
  editor: 'OK',
  lead: 'OK',
  admin: 'OK',
};
const MANAGE: Expected = { ...EDIT, editor: 'FORBIDDEN' };
/** A handoff's reporter (the lead), its assignee (the editor) and admins change it. */
const HANDOFF_CHANGE: Expected = { ...ADMIN_ONLY, editor: 'OK', lead: 'OK' };
/** A DRAFT plan of the lead: others, admins included, are told it does not exist. */
const PLAN_OWNER: Expected = {
  anonymous: 'UNAUTHENTICATED',
  nonMember: 'NOT_FOUND',
  viewer: 'NOT_FOUND',
  editor: 'NOT_FOUND',
  lead: 'OK',
  admin: 'NOT_FOUND',
};
/** A venue the editor manages: its managers and admins change it. */
const VENUE_MANAGE: Expected = { ...ADMIN_ONLY, editor: 'OK' };
/** A booking of the lead at the editor's venue: its booker, the venue's managers, admins. */
const BOOKING_CHANGE: Expected = { ...ADMIN_ONLY, editor: 'OK', lead: 'OK' };
const PLAN_OWNER_LOOKUP: Expected = {
  ...PLAN_OWNER,
  nonMember: 'NULL',
  viewer: 'NULL',
  editor: 'NULL',
  admin: 'NULL',
};
/** A document without a project: every signed-in user reads it; its author (the lead) and admins change it. */
const AUTHOR_OR_ADMIN: Expected = { ...ADMIN_ONLY, lead: 'OK' };
/** Leaving a project: members may; the only LEAD may not; a non-member is no member to remove. */
const LEAVE: Expected = {
  anonymous: 'UNAUTHENTICATED',
  nonMember: 'NOT_FOUND',
  viewer: 'OK',
  editor: 'OK',
  lead: 'CONFLICT',
  admin: 'NOT_FOUND',
};

/** What one call runs against: a fresh project with tasks, a todo, documents and bystanders. */
interface World {
  visibility: Visibility;
  projectId: string;
  projectKey: string;
  rootId: string;
  childId: string;
  otherRootId: string;
  todoId: string;
  /** Empty unless the case needs documents. */
  documentId: string;
  documentSlug: string;
  deletedDocumentId: string;
  looseDocumentId: string;
  categoryId: string;
  /** A member (VIEWER) whom managers may remove, and a user who is no member. */
  bystanderId: string;
  outsiderId: string;
  outsiderLogin: string;
  /** An OPEN and a CLOSED handoff, reported by the lead and assigned to the editor. */
  handoffId: string;
  closedHandoffId: string;
  /** A DRAFT plan of the lead, its activity, and a live share link with its token. */
  planId: string;
  activityId: string;
  shareLinkId: string;
  shareToken: string;
  /** A venue the editor (venueManagerId) manages, with a closure on 2027-12-25. */
  venueId: string;
  venueManagerId: string;
  /** The lead's PENDING and CONFIRMED bookings of that venue (open every day 08:00–20:00 UTC). */
  bookingId: string;
  confirmedBookingId: string;
  /** A second session of the caller, for revokeSession. */
  spareSessionId: string | null;
}

interface Case {
  /** The root field; a field may have several cases (e.g. with and without a project). */
  field: string;
  label?: string;
  query: string;
  variables?: (world: World, me: TestUser | null) => Record<string, unknown>;
  expected: Expected;
  /** Ends the caller's session: run it on a session of its own. */
  ownSession?: boolean;
  /** Needs the world's documents (the slowest part to build). */
  documents?: boolean;
}

/** The NIGHT shift, as the migration makes it. */
const NIGHT_SHIFT_ID = '00000000-0000-7000-8000-000000000003';
const unique = () => randomBytes(4).toString('hex');
const OUTSIDER_PASSWORD = 'outsider password';

const CASES: Case[] = [
  // Accounts and sessions
  { field: 'me', query: '{ me { id } }', expected: SIGNED_IN },
  {
    field: 'user',
    query: 'query ($id: ID!) { user(id: $id) { id } }',
    variables: (w) => ({ id: w.outsiderId }),
    expected: SIGNED_IN,
  },
  { field: 'users', query: '{ users { totalCount } }', expected: ADMIN_ONLY },
  {
    field: 'signUp',
    query: `mutation ($input: SignUpInput!) { signUp(input: $input) { token } }`,
    variables: () => {
      const name = `new_${unique()}`;
      return {
        input: { email: `${name}@example.test`, username: name, password: 'a long password' },
      };
    },
    expected: PUBLIC,
  },
  {
    field: 'logIn',
    query: `mutation ($login: String!, $password: String!) {
      logIn(input: { login: $login, password: $password }) { token }
    }`,
    variables: (w) => ({ login: w.outsiderLogin, password: OUTSIDER_PASSWORD }),
    expected: PUBLIC,
  },
  { field: 'logOut', query: 'mutation { logOut }', expected: SIGNED_IN, ownSession: true },
  { field: 'mySessions', query: '{ mySessions { totalCount } }', expected: SIGNED_IN },
  {
    field: 'revokeSession',
    query: 'mutation ($id: ID!) { revokeSession(id: $id) }',
    variables: (w) => ({ id: w.spareSessionId ?? '00000000-0000-7000-8000-000000000000' }),
    expected: SIGNED_IN,
  },
  { field: 'revokeOtherSessions', query: 'mutation { revokeOtherSessions }', expected: SIGNED_IN },
  {
    field: 'changePassword',
    query: `mutation ($password: String!) {
      changePassword(currentPassword: $password, newPassword: $password)
    }`,
    variables: (_w, me) => ({ password: me?.password ?? 'whatever it is' }),
    expected: SIGNED_IN,
  },
  {
    field: 'deactivateUser',
    query: 'mutation ($id: ID!) { deactivateUser(id: $id) { id } }',
    variables: (w) => ({ id: w.outsiderId }),
    expected: ADMIN_ONLY,
  },
  {
    field: 'reactivateUser',
    query: 'mutation ($id: ID!) { reactivateUser(id: $id) { id } }',
    variables: (w) => ({ id: w.outsiderId }),
    expected: ADMIN_ONLY,
  },
  {
    field: 'setUserRole',
    query: 'mutation ($id: ID!) { setUserRole(id: $id, role: ADMIN) { id } }',
    variables: (w) => ({ id: w.outsiderId }),
    expected: ADMIN_ONLY,
  },

  // Projects and members
  { field: 'projects', query: '{ projects { totalCount } }', expected: SIGNED_IN },
  { field: 'myProjects', query: '{ myProjects { totalCount } }', expected: SIGNED_IN },
  {
    field: 'project',
    query: 'query ($id: ID!) { project(id: $id) { id } }',
    variables: (w) => ({ id: w.projectId }),
    expected: READ_LOOKUP,
  },
  {
    field: 'projectByKey',
    query: 'query ($key: String!) { projectByKey(key: $key) { id } }',
    variables: (w) => ({ key: w.projectKey }),
    expected: READ_LOOKUP,
  },
  {
    field: 'projectMembers',
    query: 'query ($id: ID!) { projectMembers(projectId: $id) { totalCount } }',
    variables: (w) => ({ id: w.projectId }),
    expected: READ,
  },
  {
    field: 'createProject',
    query: 'mutation ($key: String!) { createProject(input: { key: $key, name: "New" }) { id } }',
    variables: () => ({ key: `N${unique().toUpperCase()}` }),
    expected: SIGNED_IN,
  },
  {
    field: 'updateProject',
    query: 'mutation ($id: ID!) { updateProject(id: $id, input: { name: "Renamed" }) { id } }',
    variables: (w) => ({ id: w.projectId }),
    expected: MANAGE,
  },
  {
    field: 'archiveProject',
    query: 'mutation ($id: ID!) { archiveProject(id: $id) { id } }',
    variables: (w) => ({ id: w.projectId }),
    expected: MANAGE,
  },
  {
    field: 'addProjectWatcher',
    label: 'for oneself',
    query: 'mutation ($p: ID!, $u: ID!) { addProjectWatcher(projectId: $p, userId: $u) { id } }',
    variables: (w, me) => ({ p: w.projectId, u: me?.id ?? w.outsiderId }),
    expected: READ,
  },
  {
    field: 'addProjectWatcher',
    label: 'for someone else',
    query: 'mutation ($p: ID!, $u: ID!) { addProjectWatcher(projectId: $p, userId: $u) { id } }',
    variables: (w) => ({ p: w.projectId, u: w.outsiderId }),
    expected: MANAGE,
  },
  {
    field: 'removeProjectWatcher',
    query: 'mutation ($p: ID!, $u: ID!) { removeProjectWatcher(projectId: $p, userId: $u) { id } }',
    variables: (w, me) => ({ p: w.projectId, u: me?.id ?? w.outsiderId }),
    expected: READ,
  },
  {
    field: 'addProjectStakeholder',
    query:
      'mutation ($p: ID!, $u: ID!) { addProjectStakeholder(projectId: $p, userId: $u) { id } }',
    variables: (w) => ({ p: w.projectId, u: w.outsiderId }),
    expected: MANAGE,
  },
  {
    field: 'removeProjectStakeholder',
    query:
      'mutation ($p: ID!, $u: ID!) { removeProjectStakeholder(projectId: $p, userId: $u) { id } }',
    variables: (w) => ({ p: w.projectId, u: w.outsiderId }),
    expected: MANAGE,
  },
  {
    field: 'addProjectMember',
    query:
      'mutation ($p: ID!, $u: ID!) { addProjectMember(projectId: $p, userId: $u, role: VIEWER) { role } }',
    variables: (w) => ({ p: w.projectId, u: w.outsiderId }),
    expected: MANAGE,
  },
  {
    field: 'setProjectMemberRole',
    query:
      'mutation ($p: ID!, $u: ID!) { setProjectMemberRole(projectId: $p, userId: $u, role: EDITOR) { role } }',
    variables: (w) => ({ p: w.projectId, u: w.bystanderId }),
    expected: MANAGE,
  },
  {
    field: 'removeProjectMember',
    label: 'someone else',
    query: 'mutation ($p: ID!, $u: ID!) { removeProjectMember(projectId: $p, userId: $u) }',
    variables: (w) => ({ p: w.projectId, u: w.bystanderId }),
    expected: MANAGE,
  },
  {
    field: 'removeProjectMember',
    label: 'leaving',
    query: 'mutation ($p: ID!, $u: ID!) { removeProjectMember(projectId: $p, userId: $u) }',
    variables: (w, me) => ({ p: w.projectId, u: me?.id ?? w.outsiderId }),
    expected: LEAVE,
  },

  // Tasks and todos
  {
    field: 'task',
    query: 'query ($id: ID!) { task(id: $id) { id } }',
    variables: (w) => ({ id: w.childId }),
    expected: READ_LOOKUP,
  },
  {
    field: 'taskTree',
    query: 'query ($id: ID!) { taskTree(projectId: $id) { id } }',
    variables: (w) => ({ id: w.projectId }),
    expected: READ,
  },
  {
    field: 'createTask',
    query: 'mutation ($p: ID!) { createTask(input: { projectId: $p, title: "New" }) { id } }',
    variables: (w) => ({ p: w.projectId }),
    expected: EDIT,
  },
  {
    field: 'updateTask',
    query: 'mutation ($id: ID!) { updateTask(id: $id, input: { title: "Renamed" }) { id } }',
    variables: (w) => ({ id: w.rootId }),
    expected: EDIT,
  },
  {
    field: 'moveTask',
    query: 'mutation ($id: ID!) { moveTask(id: $id, parentId: null) { id } }',
    variables: (w) => ({ id: w.childId }),
    expected: EDIT,
  },
  {
    field: 'deleteTask',
    query: 'mutation ($id: ID!) { deleteTask(id: $id) { deletedCount } }',
    variables: (w) => ({ id: w.otherRootId }),
    expected: EDIT,
  },
  {
    field: 'addTaskDependency',
    query: 'mutation ($t: ID!, $b: ID!) { addTaskDependency(taskId: $t, blockedById: $b) { id } }',
    variables: (w) => ({ t: w.childId, b: w.otherRootId }),
    expected: EDIT,
  },
  {
    field: 'removeTaskDependency',
    query:
      'mutation ($t: ID!, $b: ID!) { removeTaskDependency(taskId: $t, blockedById: $b) { id } }',
    variables: (w) => ({ t: w.otherRootId, b: w.rootId }),
    expected: EDIT,
  },
  {
    field: 'addTodo',
    query: 'mutation ($t: ID!) { addTodo(input: { taskId: $t, text: "Check" }) { id } }',
    variables: (w) => ({ t: w.rootId }),
    expected: EDIT,
  },
  {
    field: 'updateTodo',
    query: 'mutation ($id: ID!) { updateTodo(id: $id, input: { done: true }) { id } }',
    variables: (w) => ({ id: w.todoId }),
    expected: EDIT,
  },
  {
    field: 'removeTodo',
    query: 'mutation ($id: ID!) { removeTodo(id: $id) }',
    variables: (w) => ({ id: w.todoId }),
    expected: EDIT,
  },

  // Documents, categories, tags
  {
    field: 'document',
    query: 'query ($id: ID!) { document(id: $id) { id } }',
    variables: (w) => ({ id: w.documentId }),
    documents: true,
    expected: READ_LOOKUP,
  },
  {
    field: 'document',
    label: 'without a project',
    query: 'query ($id: ID!) { document(id: $id) { id } }',
    variables: (w) => ({ id: w.looseDocumentId }),
    documents: true,
    expected: SIGNED_IN,
  },
  {
    field: 'documentBySlug',
    query: 'query ($slug: String!) { documentBySlug(slug: $slug) { id } }',
    variables: (w) => ({ slug: w.documentSlug }),
    documents: true,
    expected: READ_LOOKUP,
  },
  { field: 'documents', query: '{ documents { totalCount } }', expected: SIGNED_IN },
  {
    field: 'diffRevisions',
    query: 'query ($id: ID!) { diffRevisions(documentId: $id, from: 1, to: 1) { diff } }',
    variables: (w) => ({ id: w.documentId }),
    documents: true,
    expected: READ,
  },
  {
    field: 'createDocument',
    label: 'in the project',
    query:
      'mutation ($p: ID!) { createDocument(input: { title: "New", content: "x", projectId: $p }) { id } }',
    variables: (w) => ({ p: w.projectId }),
    expected: EDIT,
  },
  {
    field: 'createDocument',
    label: 'without a project',
    query: 'mutation { createDocument(input: { title: "Loose", content: "x" }) { id } }',
    expected: SIGNED_IN,
  },
  {
    field: 'updateDocument',
    query:
      'mutation ($id: ID!) { updateDocument(id: $id, expectedVersion: 1, content: "y") { id } }',
    variables: (w) => ({ id: w.documentId }),
    documents: true,
    expected: EDIT,
  },
  {
    field: 'updateDocument',
    label: 'without a project',
    query:
      'mutation ($id: ID!) { updateDocument(id: $id, expectedVersion: 1, content: "y") { id } }',
    variables: (w) => ({ id: w.looseDocumentId }),
    documents: true,
    expected: AUTHOR_OR_ADMIN,
  },
  {
    field: 'restoreRevision',
    query: 'mutation ($id: ID!) { restoreRevision(id: $id, number: 1, expectedVersion: 1) { id } }',
    variables: (w) => ({ id: w.documentId }),
    documents: true,
    expected: EDIT,
  },
  {
    field: 'deleteDocument',
    query: 'mutation ($id: ID!) { deleteDocument(id: $id) { id } }',
    variables: (w) => ({ id: w.documentId }),
    documents: true,
    expected: EDIT,
  },
  {
    field: 'restoreDocument',
    query: 'mutation ($id: ID!) { restoreDocument(id: $id) { id } }',
    variables: (w) => ({ id: w.deletedDocumentId }),
    documents: true,
    expected: EDIT,
  },
  {
    field: 'setDocumentTags',
    query: 'mutation ($id: ID!) { setDocumentTags(id: $id, tags: ["ops"]) { id } }',
    variables: (w) => ({ id: w.documentId }),
    documents: true,
    expected: EDIT,
  },
  { field: 'categories', query: '{ categories { nodes { id } } }', expected: SIGNED_IN },
  { field: 'tags', query: '{ tags { nodes { id } } }', expected: SIGNED_IN },
  {
    field: 'createCategory',
    query: 'mutation ($name: String!) { createCategory(input: { name: $name }) { id } }',
    variables: () => ({ name: `Category ${unique()}` }),
    expected: ADMIN_ONLY,
  },
  {
    field: 'deleteCategory',
    query: 'mutation ($id: ID!) { deleteCategory(id: $id) }',
    variables: (w) => ({ id: w.categoryId }),
    expected: ADMIN_ONLY,
  },

  // Handoffs and shifts: every member reads, creates and acknowledges; people change their own
  {
    field: 'handoff',
    query: 'query ($id: ID!) { handoff(id: $id) { id } }',
    variables: (w) => ({ id: w.handoffId }),
    expected: SIGNED_IN,
  },
  { field: 'handoffs', query: '{ handoffs { totalCount } }', expected: SIGNED_IN },
  {
    field: 'shiftBoard',
    query: '{ shiftBoard(shift: "NIGHT") { totalCount } }',
    expected: SIGNED_IN,
  },
  {
    field: 'handoffStats',
    query: '{ handoffStats(shift: "NIGHT") { total } }',
    expected: SIGNED_IN,
  },
  { field: 'shifts', query: '{ shifts { totalCount } }', expected: SIGNED_IN },
  {
    field: 'createShift',
    query: 'mutation ($key: String!) { createShift(input: { key: $key, name: "Named" }) { id } }',
    variables: () => ({ key: `S_${unique()}` }),
    expected: ADMIN_ONLY,
  },
  {
    field: 'createHandoff',
    query: 'mutation { createHandoff(input: { title: "New", shift: "DAY" }) { id } }',
    expected: SIGNED_IN,
  },
  {
    field: 'acknowledgeHandoff',
    query: 'mutation ($id: ID!) { acknowledgeHandoff(id: $id) { id } }',
    variables: (w) => ({ id: w.handoffId }),
    expected: SIGNED_IN,
  },
  {
    field: 'updateHandoff',
    query: 'mutation ($id: ID!) { updateHandoff(id: $id, input: { title: "Edited" }) { id } }',
    variables: (w) => ({ id: w.handoffId }),
    expected: HANDOFF_CHANGE,
  },
  {
    field: 'closeHandoff',
    query: 'mutation ($id: ID!) { closeHandoff(id: $id, resolution: "Done") { id } }',
    variables: (w) => ({ id: w.handoffId }),
    expected: HANDOFF_CHANGE,
  },
  {
    field: 'reopenHandoff',
    query: 'mutation ($id: ID!) { reopenHandoff(id: $id) { id } }',
    variables: (w) => ({ id: w.closedHandoffId }),
    expected: HANDOFF_CHANGE,
  },
  {
    field: 'reassignHandoff',
    query: 'mutation ($id: ID!) { reassignHandoff(id: $id, shift: "SWING") { id } }',
    variables: (w) => ({ id: w.handoffId }),
    expected: HANDOFF_CHANGE,
  },

  // Plans: personal; a share token reads one, signed out too
  {
    field: 'plan',
    query: 'query ($id: ID!) { plan(id: $id) { id } }',
    variables: (w) => ({ id: w.planId }),
    expected: PLAN_OWNER_LOOKUP,
  },
  { field: 'myPlans', query: '{ myPlans { totalCount } }', expected: SIGNED_IN },
  { field: 'publicPlans', query: '{ publicPlans { totalCount } }', expected: SIGNED_IN },
  {
    field: 'planByShareToken',
    query: 'query ($token: String!) { planByShareToken(token: $token) { id } }',
    variables: (w) => ({ token: w.shareToken }),
    expected: PUBLIC,
  },
  {
    field: 'createPlan',
    query: 'mutation { createPlan(input: { title: "Trip" }) { id } }',
    expected: SIGNED_IN,
  },
  {
    field: 'updatePlan',
    query:
      'mutation ($id: ID!) { updatePlan(id: $id, expectedVersion: 1, input: { title: "New" }) { id } }',
    variables: (w) => ({ id: w.planId }),
    expected: PLAN_OWNER,
  },
  {
    field: 'publishPlan',
    query: 'mutation ($id: ID!) { publishPlan(id: $id) { id } }',
    variables: (w) => ({ id: w.planId }),
    expected: PLAN_OWNER,
  },
  {
    field: 'archivePlan',
    query: 'mutation ($id: ID!) { archivePlan(id: $id) { id } }',
    variables: (w) => ({ id: w.planId }),
    expected: PLAN_OWNER,
  },
  {
    field: 'deletePlan',
    query: 'mutation ($id: ID!) { deletePlan(id: $id) }',
    variables: (w) => ({ id: w.planId }),
    expected: PLAN_OWNER,
  },
  {
    field: 'archiveStalePlans',
    query: 'mutation { archiveStalePlans(olderThan: "2000-01-01T00:00:00Z") }',
    expected: ADMIN_ONLY,
  },
  {
    field: 'createShareLink',
    query:
      'mutation ($id: ID!, $at: DateTimeISO!) { createShareLink(planId: $id, expiresAt: $at) { token } }',
    variables: (w) => ({ id: w.planId, at: new Date(Date.now() + 86_400_000).toISOString() }),
    expected: PLAN_OWNER,
  },
  {
    field: 'revokeShareLink',
    query: 'mutation ($id: ID!) { revokeShareLink(id: $id) { id } }',
    variables: (w) => ({ id: w.shareLinkId }),
    expected: PLAN_OWNER,
  },
  {
    field: 'createActivity',
    query: 'mutation ($id: ID!) { createActivity(planId: $id, input: { title: "Walk" }) { id } }',
    variables: (w) => ({ id: w.planId }),
    expected: PLAN_OWNER,
  },
  {
    field: 'updateActivity',
    query: 'mutation ($id: ID!) { updateActivity(id: $id, input: { title: "Run" }) { id } }',
    variables: (w) => ({ id: w.activityId }),
    expected: PLAN_OWNER,
  },
  {
    field: 'completeActivity',
    query: 'mutation ($id: ID!) { completeActivity(id: $id) { id } }',
    variables: (w) => ({ id: w.activityId }),
    expected: PLAN_OWNER,
  },
  {
    field: 'deleteActivity',
    query: 'mutation ($id: ID!) { deleteActivity(id: $id) }',
    variables: (w) => ({ id: w.activityId }),
    expected: PLAN_OWNER,
  },
  {
    field: 'reorderActivities',
    query: 'mutation ($p: ID!, $ids: [ID!]!) { reorderActivities(planId: $p, ids: $ids) { id } }',
    variables: (w) => ({ p: w.planId, ids: [w.activityId] }),
    expected: PLAN_OWNER,
  },

  // Venues: everyone signed in reads; managers and admins change; admins create and name managers
  {
    field: 'venue',
    query: 'query ($id: ID!) { venue(id: $id) { id } }',
    variables: (w) => ({ id: w.venueId }),
    expected: SIGNED_IN,
  },
  { field: 'venues', query: '{ venues { totalCount } }', expected: SIGNED_IN },
  {
    field: 'createVenue',
    query:
      'mutation { createVenue(input: { name: "Court", city: "Lisbon", timezone: "UTC" }) { id } }',
    expected: ADMIN_ONLY,
  },
  {
    field: 'updateVenue',
    query: 'mutation ($id: ID!) { updateVenue(id: $id, input: { capacity: 2 }) { id } }',
    variables: (w) => ({ id: w.venueId }),
    expected: VENUE_MANAGE,
  },
  {
    field: 'setVenueHours',
    query:
      'mutation ($id: ID!) { setVenueHours(venueId: $id, hours: [{ dayOfWeek: 1, opensAt: "09:00", closesAt: "17:00" }]) { id } }',
    variables: (w) => ({ id: w.venueId }),
    expected: VENUE_MANAGE,
  },
  {
    field: 'setVenueClosure',
    query: 'mutation ($id: ID!) { setVenueClosure(venueId: $id, date: "2027-01-01") { date } }',
    variables: (w) => ({ id: w.venueId }),
    expected: VENUE_MANAGE,
  },
  {
    field: 'removeVenueClosure',
    query: 'mutation ($id: ID!) { removeVenueClosure(venueId: $id, date: "2027-12-25") }',
    variables: (w) => ({ id: w.venueId }),
    expected: VENUE_MANAGE,
  },
  {
    field: 'addVenueManager',
    query: 'mutation ($v: ID!, $u: ID!) { addVenueManager(venueId: $v, userId: $u) { id } }',
    variables: (w) => ({ v: w.venueId, u: w.outsiderId }),
    expected: ADMIN_ONLY,
  },
  {
    field: 'removeVenueManager',
    query: 'mutation ($v: ID!, $u: ID!) { removeVenueManager(venueId: $v, userId: $u) { id } }',
    variables: (w) => ({ v: w.venueId, u: w.venueManagerId }),
    expected: ADMIN_ONLY,
  },

  // Bookings: everyone signed in books and sees when venues are booked
  {
    field: 'booking',
    query: 'query ($id: ID!) { booking(id: $id) { id } }',
    variables: (w) => ({ id: w.bookingId }),
    expected: SIGNED_IN,
  },
  { field: 'myBookings', query: '{ myBookings { totalCount } }', expected: SIGNED_IN },
  {
    field: 'createBooking',
    query:
      'mutation ($v: ID!) { createBooking(input: { venueId: $v, startsAt: "2027-06-01T10:00:00Z", endsAt: "2027-06-01T11:00:00Z" }) { id } }',
    variables: (w) => ({ v: w.venueId }),
    expected: SIGNED_IN,
  },
  {
    field: 'rescheduleBooking',
    query:
      'mutation ($id: ID!) { rescheduleBooking(id: $id, startsAt: "2027-06-03T10:00:00Z", endsAt: "2027-06-03T11:00:00Z") { id } }',
    variables: (w) => ({ id: w.bookingId }),
    expected: BOOKING_CHANGE,
  },
  {
    field: 'cancelBooking',
    query: 'mutation ($id: ID!) { cancelBooking(id: $id, reason: "Ill") { id } }',
    variables: (w) => ({ id: w.bookingId }),
    expected: BOOKING_CHANGE,
  },
  {
    field: 'confirmBooking',
    query: 'mutation ($id: ID!) { confirmBooking(id: $id) { id } }',
    variables: (w) => ({ id: w.bookingId }),
    expected: VENUE_MANAGE,
  },
  {
    field: 'completeBooking',
    query: 'mutation ($id: ID!) { completeBooking(id: $id) { id } }',
    variables: (w) => ({ id: w.confirmedBookingId }),
    expected: VENUE_MANAGE,
  },

  // Relay: any object by id, as its type's own lookup would answer
  {
    field: 'node',
    query: 'query ($id: ID!) { node(id: $id) { id ... on Task { title } } }',
    variables: (w) => ({ id: w.childId }),
    expected: READ_LOOKUP,
  },
  {
    field: 'nodes',
    query: 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }',
    variables: (w) => ({ ids: [w.childId, w.todoId, w.categoryId] }),
    expected: SIGNED_IN,
  },
];

function outcomeOf(result: FormattedExecutionResult, field: string): Outcome {
  const code = result.errors?.[0]?.extensions?.code;
  if (code) return code as Outcome;
  const data = (result.data ?? {}) as Record<string, unknown>;
  return data[field] === null ? 'NULL' : 'OK';
}

function expectedOf(expected: Expected, persona: Persona, visibility: Visibility): Outcome {
  const rule = expected[persona];
  return typeof rule === 'string' ? rule : rule[visibility];
}

describe.each(dialects)('authorization matrix on %s', (dialect) => {
  let server: TestServer;
  const personas = {} as Record<Exclude<Persona, 'anonymous'>, TestUser>;
  let worlds = 0;
  let outsiderHash: string;

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    outsiderHash = await hashPassword(OUTSIDER_PASSWORD);
    for (const persona of PERSONAS) {
      if (persona === 'anonymous') continue;
      personas[persona] = await server.createUser({
        username: `${persona}_${dialect}`,
        role: persona === 'admin' ? Role.ADMIN : Role.MEMBER,
      });
    }
  });
  afterAll(() => server?.close());

  /**
   * A fresh project and everything around it, written in one transaction by the services
   * themselves (as its lead) or directly, so that no access rule of the code under test is in
   * the way.
   */
  async function buildWorld(
    visibility: Visibility,
    caller: TestUser | null,
    withDocuments: boolean,
  ): Promise<World> {
    const n = (worlds += 1);
    const { config, logger } = server.portico;
    return server.portico.orm.em.fork().transactional(async (em) => {
      const user = (id: string) => em.getReference(User, id);
      const lead = await em.findOneOrFail(User, personas.lead.id);
      const ctx = createContext({ em, config, logger }, { user: lead, session: null });
      const project = em.create(Project, {
        key: `W${n}`,
        name: `World ${n}`,
        visibility: ProjectVisibility[visibility],
        lead,
      });
      const person = (name: string, passwordHash = 'not-a-login') =>
        em.create(User, {
          email: `${name}@example.test`,
          username: name,
          displayName: name,
          passwordHash,
        });
      const bystander = person(`bystander${n}_${dialect}`);
      const outsider = person(`outsider${n}_${dialect}`, outsiderHash);
      const roles: [string, ProjectRole][] = [
        [personas.viewer.id, ProjectRole.VIEWER],
        [personas.editor.id, ProjectRole.EDITOR],
        [lead.id, ProjectRole.LEAD],
        [bystander.id, ProjectRole.VIEWER],
      ];
      for (const [id, role] of roles) em.create(ProjectMember, { project, user: user(id), role });
      const root = em.create(Task, { project, title: 'Root', position: 0 });
      const child = em.create(Task, { project, parent: root, depth: 1, title: 'Child' });
      const otherRoot = em.create(Task, { project, title: 'Other root', position: 1 });
      em.create(TaskDependency, { task: otherRoot, blockedBy: root });
      const todo = em.create(Todo, { task: root, text: 'Todo' });
      const category = em.create(Category, { name: `World ${n}` });
      const handoff = (status: HandoffStatus) =>
        em.create(Handoff, {
          title: `Handoff ${n}`,
          shift: em.getReference(Shift, NIGHT_SHIFT_ID),
          reporter: lead,
          assignee: user(personas.editor.id),
          status,
          closedAt: status === HandoffStatus.CLOSED ? new Date() : null,
          resolution: status === HandoffStatus.CLOSED ? 'Done' : null,
        });
      const openHandoff = handoff(HandoffStatus.OPEN);
      const venue = em.create(Venue, { name: `Venue ${n}`, city: 'Lisbon', timezone: 'UTC' });
      em.create(VenueManager, { venue, user: user(personas.editor.id) });
      em.create(VenueClosure, { venue, date: '2027-12-25', note: 'Christmas' });
      for (let dayOfWeek = 1; dayOfWeek <= 7; dayOfWeek++) {
        em.create(VenueHours, { venue, dayOfWeek, opensAt: '08:00:00', closesAt: '20:00:00' });
      }
      const booking = (startsAt: string, status: BookingStatus) =>
        em.create(Booking, {
          venue,
          bookedBy: lead,
          startsAt: new Date(startsAt),
          endsAt: new Date(new Date(startsAt).getTime() + 3_600_000),
          status,
        });
      const pending = booking('2027-06-02T10:00:00Z', BookingStatus.PENDING);
      const confirmed = booking('2027-06-02T12:00:00Z', BookingStatus.CONFIRMED);
      const plan = em.create(Plan, { owner: lead, title: `Plan ${n}` });
      const activity = em.create(PlanActivity, { plan, title: 'Walk' });
      const shareToken = unique() + unique();
      const shareLink = em.create(PlanShareLink, {
        plan,
        tokenHash: createHash('sha256').update(shareToken).digest('hex'),
        expiresAt: new Date(Date.now() + 86_400_000),
      });
      const closedHandoff = handoff(HandoffStatus.CLOSED);
      const spare = caller ? createSession(em, user(caller.id) as User, 1).session : null;
      await em.flush();
      const none = { id: '', slug: '' };
      const doc = (title: string, projectId: string | null) =>
        withDocuments ? createDocument(ctx, { title, content: 'Text\n', projectId }) : none;
      const document = await doc(`Doc ${n}`, project.id);
      const deleted = await doc(`Deleted ${n}`, project.id);
      if (withDocuments) await deleteDocument(ctx, deleted.id);
      const loose = await doc(`Loose ${n}`, null);
      return {
        visibility,
        projectId: project.id,
        projectKey: project.key,
        rootId: root.id,
        childId: child.id,
        otherRootId: otherRoot.id,
        todoId: todo.id,
        documentId: document.id,
        documentSlug: document.slug,
        deletedDocumentId: deleted.id,
        looseDocumentId: loose.id,
        categoryId: category.id,
        bystanderId: bystander.id,
        outsiderId: outsider.id,
        outsiderLogin: outsider.username,
        spareSessionId: spare?.id ?? null,
        handoffId: openHandoff.id,
        closedHandoffId: closedHandoff.id,
        planId: plan.id,
        activityId: activity.id,
        shareLinkId: shareLink.id,
        shareToken,
        venueId: venue.id,
        venueManagerId: personas.editor.id,
        bookingId: pending.id,
        confirmedBookingId: confirmed.id,
      };
    });
  }

  /** The caller, on its usual session or, for an operation that ends it, on a session of its own. */
  async function callerFor(persona: Persona, ownSession: boolean): Promise<TestUser | null> {
    if (persona === 'anonymous') return null;
    const user = personas[persona];
    if (!ownSession) return user;
    const em = server.portico.orm.em.fork();
    const { token } = createSession(em, em.getReference(User, user.id) as User, 1);
    await em.flush();
    return { ...user, token };
  }

  it('has a row for every root field of the schema, and no row for a field it lacks', async () => {
    const schema = await buildPorticoSchema();
    const fields = [schema.getQueryType(), schema.getMutationType()].flatMap((type) =>
      Object.keys(type?.getFields() ?? {}),
    );
    const covered = new Set(CASES.map((c) => c.field));
    expect(fields.filter((field) => !covered.has(field))).toEqual([]);
    expect([...covered].filter((field) => !fields.includes(field))).toEqual([]);
  });

  it.each(CASES.map((c) => [c.label ? `${c.field} (${c.label})` : c.field, c] as const))(
    '%s answers every persona as the table says',
    async (_name, testCase) => {
      const answers: string[] = [];
      const expected: string[] = [];
      for (const visibility of ['PRIVATE', 'INTERNAL'] as const) {
        for (const persona of PERSONAS) {
          const caller = await callerFor(persona, testCase.ownSession ?? false);
          const world = await buildWorld(visibility, caller, testCase.documents ?? false);
          const variables = testCase.variables?.(world, caller) ?? {};
          const result = await server.run(testCase.query, variables, { as: caller });
          answers.push(`${visibility} ${persona}: ${outcomeOf(result, testCase.field)}`);
          expected.push(
            `${visibility} ${persona}: ${expectedOf(testCase.expected, persona, visibility)}`,
          );
        }
      }
      expect(answers).toEqual(expected);
    },
  );
});
