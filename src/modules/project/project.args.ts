import { IsOptional, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';
import { PageArgs } from '../../common/page.args';
import { ProjectRole } from './project-role.enum';
import { ProjectFilter, ProjectOrder } from './project.inputs';

@ArgsType()
export class ProjectsArgs extends PageArgs {
  @Field(() => ProjectFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: ProjectFilter | null;

  @Field(() => ProjectOrder, { nullable: true, description: 'Defaults to newest first.' })
  orderBy?: ProjectOrder | null;
}

@ArgsType()
export class ProjectMemberArgs {
  @Field(() => ID)
  projectId!: string;

  @Field(() => ID)
  userId!: string;
}

@ArgsType()
export class ProjectMemberRoleArgs extends ProjectMemberArgs {
  @Field(() => ProjectRole)
  role!: ProjectRole;
}

@ArgsType()
export class ProjectMembersArgs extends PageArgs {
  @Field(() => ID)
  projectId!: string;
}
