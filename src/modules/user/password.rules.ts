import { MaxLength, MinLength } from 'class-validator';

/** The rule for every password a user chooses (signUp, changePassword, user:create). */
export function IsNewPassword(): PropertyDecorator {
  return (target, property) => {
    MinLength(8)(target, property);
    MaxLength(200)(target, property);
  };
}
