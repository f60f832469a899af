import { loadConfig } from './src/config';
import { ormOptions } from './src/db/orm-options';

// The MikroORM CLI reads this file; the app builds the same options from src/db/orm-options.ts.
export default ormOptions(loadConfig());
