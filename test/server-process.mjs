// Runs Portico's server (src/server.ts) as a separate process, its TypeScript compiled as it
// loads with the tests' swc settings; for tests that need more than one process.
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import swc from '@swc/core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const options = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
delete options.$schema;

Module._extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const compiled = swc.transformSync(source, {
    ...options,
    filename,
    swcrc: false,
    sourceMaps: false,
  });
  module._compile(compiled.code, filename);
};

const load = createRequire(import.meta.url);
load(path.join(root, 'src', 'server.ts'));
