import { HandoffEvent } from '../modules/handoff/handoff-event.entity';
import { Handoff } from '../modules/handoff/handoff.entity';
import { Shift } from '../modules/handoff/shift.entity';
import { PlanActivity } from '../modules/plan/plan-activity.entity';
import { PlanShareLink } from '../modules/plan/plan-share-link.entity';
import { Plan } from '../modules/plan/plan.entity';
import { VenueClosure } from '../modules/venue/venue-closure.entity';
import { VenueHours } from '../modules/venue/venue-hours.entity';
import { VenueManager } from '../modules/venue/venue-manager.entity';
import { Venue } from '../modules/venue/venue.entity';
import { BookingChange } from '../modules/booking/booking-change.entity';
import { Booking } from '../modules/booking/booking.entity';
import { Category } from '../modules/document/category.entity';
import { DocumentContent } from '../modules/document/document-content.entity';
import { DocumentRevision } from '../modules/document/document-revision.entity';
import { DocumentTag } from '../modules/document/document-tag.entity';
import { Document } from '../modules/document/document.entity';
import { Tag } from '../modules/document/tag.entity';
import { ProjectMember } from '../modules/project/project-member.entity';
import { ProjectStakeholder } from '../modules/project/project-stakeholder.entity';
import { ProjectWatcher } from '../modules/project/project-watcher.entity';
import { Project } from '../modules/project/project.entity';
import { TaskDependency } from '../modules/task/task-dependency.entity';
import { TaskEvent } from '../modules/task/task-event.entity';
import { Task } from '../modules/task/task.entity';
import { Todo } from '../modules/task/todo.entity';
import { Session } from '../modules/user/session.entity';
import { User } from '../modules/user/user.entity';

export const entities = [
  User,
  Session,
  Project,
  ProjectMember,
  ProjectWatcher,
  ProjectStakeholder,
  Task,
  TaskDependency,
  Todo,
  TaskEvent,
  Category,
  Tag,
  Document,
  DocumentContent,
  DocumentRevision,
  DocumentTag,
  Shift,
  Handoff,
  HandoffEvent,
  Plan,
  PlanActivity,
  PlanShareLink,
  Venue,
  VenueHours,
  VenueClosure,
  VenueManager,
  Booking,
  BookingChange,
];
