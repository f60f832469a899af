import 'reflect-metadata';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import { compiledGateway } from './common/compiled-executor';
import { corsPolicy } from './common/cors-policy';
import { depthLimitRule } from './common/depth-limit';
import { aliasLimitRule, directiveLimitRule } from './common/document-limits';
import { operationLimitsPlugin } from './common/operation-limits.plugin';
import { responseSizeLimit } from './common/response-size';
import { createFormatError } from './common/format-error';
import { httpErrorHandler, notFoundHandler } from './common/http-errors';
import { createRateLimitStore, type RateLimitStore } from './common/rate-limit';
import { securityHeaders } from './common/security-headers';
import { unitOfWorkPlugin } from './common/unit-of-work.plugin';
import type { Config } from './config';
import { createContext, type Context } from './context';
import { databaseIsReady, openDatabase, type Orm } from './db/database';
import { createLogger, type Logger } from './logger';
import { bearerToken, findSession, touchSession } from './modules/user/session.service';
import { buildPorticoSchema, costSettings } from './schema';

export interface RequestIdentity {
  token?: string | null;
  userAgent?: string | null;
  ip?: string | null;
}

export interface Portico {
  app: Express;
  apollo: ApolloServer<Context>;
  /** The executable schema the executor compiles operations against. */
  schema: GraphQLSchema;
  orm: Orm;
  /** Attempt counters shared by every request (in Redis when REDIS_URL is set). */
  rateLimits: RateLimitStore;
  config: Config;
  logger: Logger;
  /** What every request gets: its own forked EntityManager, loaders and signed-in user. */
  createRequestContext(identity: RequestIdentity): Promise<Context>;
  close(): Promise<void>;
}

/** Builds the whole gateway (database, schema, Apollo, Express) without listening. */
export async function createPortico(
  config: Config,
  logger: Logger = createLogger(config),
): Promise<Portico> {
  const orm = await openDatabase(config, logger);
  const rateLimits = await createRateLimitStore({
    redisUrl: config.redisUrl,
    keyPrefix: config.redisKeyPrefix,
    logger,
  }).catch(async (error: unknown) => {
    await orm.close();
    throw error;
  });
  const formatError = createFormatError(logger, config.nodeEnv === 'development');
  const schema = await buildPorticoSchema();
  const apollo = new ApolloServer<Context>({
    gateway: compiledGateway(schema, logger),
    formatError,
    logger,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: config.nodeEnv === 'development',
    // "Did you mean …?" would spell out the schema that introspection keeps to itself.
    hideSchemaDetailsFromClientErrors: !config.introspection,
    parseOptions: { maxTokens: config.maxTokens },
    validationRules: [
      depthLimitRule(config.maxQueryDepth),
      aliasLimitRule(config.maxAliases),
      directiveLimitRule(config.maxDirectives),
    ],
    plugins: [
      operationLimitsPlugin(config.maxQueryCost, costSettings(config)),
      unitOfWorkPlugin(formatError),
      ApolloServerPluginCacheControlDisabled(),
      config.landingPage
        ? ApolloServerPluginLandingPageLocalDefault({ footer: false })
        : ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();

  const createRequestContext = async ({ token, userAgent = null, ip = null }: RequestIdentity) => {
    const em = orm.em.fork();
    const session = token ? await findSession(em, token) : null;
    if (session) await touchSession(em, session, config.sessionTouchSeconds);
    const user = session ? session.user.getEntity() : null;
    return createContext({ em, config, logger, rateLimits }, { user, session }, { userAgent, ip });
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(securityHeaders(config));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = await databaseIsReady(orm);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable' });
  });
  app.use(
    '/graphql',
    ...corsPolicy(config.corsOrigins),
    responseSizeLimit(config.maxResponseBytes),
    express.json({ limit: config.bodyLimit }),
    expressMiddleware(apollo, {
      context: ({ req }) =>
        createRequestContext({
          token: bearerToken(req.headers.authorization),
          userAgent: req.get('user-agent') ?? null,
          ip: req.ip ?? null,
        }),
    }),
  );
  app.use(notFoundHandler);
  app.use(httpErrorHandler(logger));

  return {
    app,
    apollo,
    schema,
    orm,
    rateLimits,
    config,
    logger,
    createRequestContext,
    async close() {
      await apollo.stop();
      await orm.close();
      await rateLimits.close();
    },
  };
}
