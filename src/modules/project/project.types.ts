import { ObjectType } from 'type-graphql';
import { Connection } from '../../common/connection.type';
import { ProjectMember } from './project-member.entity';
import { Project } from './project.entity';

@ObjectType({ simpleResolvers: true })
export class ProjectConnection extends Connection(Project) {}

@ObjectType({ simpleResolvers: true })
export class ProjectMemberConnection extends Connection(ProjectMember) {}
