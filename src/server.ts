import { once } from 'node:events';
import { createPortico } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { createLogger } from './logger';

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Portico cannot start: ${error.message}\n`);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = configOrExit();
  const logger = createLogger(config);
  const portico = await createPortico(config, logger);
  if (config.demoMode) {
    logger.warn(
      { database: config.dbName, introspection: config.introspection },
      'demo mode: the default SQLite file with demo data and published passwords, and the landing page; set DATABASE_URL (and NODE_ENV=production) for a real deployment',
    );
  }
  if (config.seedDemo) {
    // Loaded only to seed: the seeder's faker data would otherwise stay in every server's heap.
    const { seedDemoDataIfEmpty } = await import('./db/seed/demo-data.js');
    if (await seedDemoDataIfEmpty(portico.orm))
      logger.info('seeded demo data: sign in as admin@portico.dev / portico-admin');
  }
  const server = portico.app.listen(config.port, config.host);
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  logger.info({ database: config.dialect }, `Portico ready at http://${shown}:${port}/graphql`);
  process.stdout.write(`Portico ready at http://${shown}:${port}/graphql\n`);

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.close();
    await portico.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Portico failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
