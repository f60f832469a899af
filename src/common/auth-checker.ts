import type { AuthChecker } from 'type-graphql';
import type { Context } from '../context';
import { forbiddenError, unauthenticatedError } from './errors';

/** `@Authorized(Role.ADMIN)` needs one of the roles (signing in is required of every root field anyway). */
export const authChecker: AuthChecker<Context> = ({ context }, roles) => {
  if (!context.user) throw unauthenticatedError();
  if (roles.length > 0 && !roles.includes(context.user.role)) {
    throw forbiddenError(`This needs the role ${roles.join(' or ')}`);
  }
  return true;
};
