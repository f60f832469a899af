import type { AuthChecker } from 'type-graphql';
import type { Context } from '../context';
import { forbiddenError, unauthenticatedError } from './errors';

/** `@Authorized()` needs a signed-in user; `@Authorized(Role.ADMIN)` needs one of the roles. */
export const authChecker: AuthChecker<Context> = ({ context }, roles) => {
  if (!context.user) throw unauthenticatedError();
  if (roles.length > 0 && !roles.includes(context.user.role)) {
    throw forbiddenError(`This needs the role ${roles.join(' or ')}`);
  }
  return true;
};
