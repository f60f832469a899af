export { createPortico, type Portico, type RequestIdentity } from './app';
export { loadConfig, ConfigError, type Config, type Dialect } from './config';
export type { Context } from './context';
export { countStatements } from './common/sql-stats';
export { ErrorCode } from './common/errors';
export {
  startTestServer,
  type TestServer,
  type TestServerOptions,
  type TestUser,
} from './testing/test-server';
export { Role } from './modules/user/role.enum';
