// The Dockerfile cannot be built on the project's machines (no Docker engine), so it is kept
// correct by reading it: what it copies from the repository exists and is not ignored, the npm
// scripts it runs exist, the runtime stage is a production one, and the image starts the server
// with the command the README documents.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

interface Stage {
  index: number;
  name?: string;
  instructions: Instruction[];
}

interface Copy {
  line: number;
  /** `--from=<stage or image>`: then the sources are not in the build context. */
  from?: string;
  sources: string[];
  dest: string;
}

/** Instructions by stage; line continuations joined, comments dropped. */
function parseDockerfile(text: string): Stage[] {
  const lines = text.split(/\r?\n/);
  let escape = '\\';
  for (const line of lines) {
    const directive = /^#\s*(\w+)\s*=\s*(\S+)\s*$/.exec(line);
    if (!directive) break;
    if (directive[1].toLowerCase() === 'escape') escape = directive[2];
  }
  const instructions: Instruction[] = [];
  let pending: { text: string; line: number } | undefined;
  const finish = () => {
    if (!pending) return;
    const [, keyword, args] = /^(\S+)\s*([\s\S]*)$/.exec(pending.text.trim())!;
    instructions.push({ keyword: keyword.toUpperCase(), args: args.trim(), line: pending.line });
    pending = undefined;
  };
  lines.forEach((raw, i) => {
    const line = raw.trim();
    // Comment lines are dropped also inside a continued instruction, and so are empty lines there.
    if (line.startsWith('#') || line === '') return;
    const continued = line.endsWith(escape);
    const part = continued ? line.slice(0, -escape.length) : line;
    pending = pending
      ? { ...pending, text: `${pending.text} ${part}` }
      : { text: part, line: i + 1 };
    if (!continued) finish();
  });
  finish();

  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const words = instruction.args.split(/\s+/).filter((w) => !w.startsWith('--'));
      const as = words.findIndex((w) => w.toLowerCase() === 'as');
      stages.push({
        index: stages.length,
        name: as >= 0 ? words[as + 1] : undefined,
        instructions: [],
      });
    } else if (stages.length > 0) {
      stages.at(-1)!.instructions.push(instruction);
    }
  }
  return stages;
}

/** JSON-array (exec) form or shell form, as words. */
function words(args: string): string[] {
  const text = args.trim();
  if (text.startsWith('[')) return JSON.parse(text) as string[];
  return text.split(/\s+/).filter(Boolean);
}

function parseCopy(instruction: Instruction): Copy {
  let rest = instruction.args;
  const flags = new Map<string, string>();
  for (let flag = /^--([\w-]+)(?:=(\S*))?\s+/.exec(rest); flag;) {
    flags.set(flag[1], flag[2] ?? '');
    rest = rest.slice(flag[0].length);
    flag = /^--([\w-]+)(?:=(\S*))?\s+/.exec(rest);
  }
  const all = words(rest);
  if (all.length < 2) {
    throw new Error(
      `line ${instruction.line}: ${instruction.keyword} needs a source and a destination`,
    );
  }
  return {
    line: instruction.line,
    from: flags.get('from'),
    sources: all.slice(0, -1),
    dest: all.at(-1)!,
  };
}

const copies = (stage: Stage) =>
  stage.instructions.filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD').map(parseCopy);

/** A glob (`*`, `**`, `?`, `[...]`) as a regular expression over `/`-separated paths. */
function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      i++;
      if (pattern[i + 1] === '/') {
        i++;
        re += '(?:.*/)?';
      } else {
        re += '.*';
      }
    } else if (c === '*') {
      re += '[^/]*';
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '[' && pattern.indexOf(']', i) > i) {
      const end = pattern.indexOf(']', i);
      re += pattern.slice(i, end + 1).replace(/^\[!/, '[^');
      i = end;
    } else {
      re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${re}$`);
}

interface IgnoreRule {
  pattern: string;
  negate: boolean;
  re: RegExp;
}

const cleanPath = (p: string) =>
  path.posix.normalize(p.trim()).replace(/^\/+/, '').replace(/\/+$/, '').replace(/^\.$/, '');

function parseDockerignore(text: string): IgnoreRule[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const negate = line.startsWith('!');
      const pattern = cleanPath(negate ? line.slice(1) : line);
      return { pattern, negate, re: globToRegExp(pattern) };
    });
}

/** As Docker does: a rule matching a path or one of its parents applies; the last one wins. */
function ignoredBy(file: string, rules: IgnoreRule[]): IgnoreRule | undefined {
  const parts = file.split('/');
  const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  let last: IgnoreRule | undefined;
  for (const rule of rules) {
    if (prefixes.some((p) => rule.re.test(p))) last = rule.negate ? undefined : rule;
  }
  return last;
}

/** Paths in the repository a COPY source names (one segment at a time, so globs expand). */
function expandSource(source: string): string[] {
  const clean = cleanPath(source);
  if (clean === '') return [''];
  let matches = [''];
  for (const segment of clean.split('/')) {
    const re = globToRegExp(segment);
    matches = matches.flatMap((dir) => {
      const abs = path.join(root, dir);
      if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) return [];
      return fs
        .readdirSync(abs)
        .filter((name) => re.test(name))
        .map((name) => (dir ? `${dir}/${name}` : name));
    });
  }
  return matches;
}

/** The files at or under a repository path (node_modules and .git left out). */
function filesUnder(file: string): string[] {
  const abs = path.join(root, file);
  if (!fs.statSync(abs).isDirectory()) return [file];
  return fs
    .readdirSync(abs)
    .filter((name) => name !== 'node_modules' && name !== '.git')
    .flatMap((name) => filesUnder(file ? `${file}/${name}` : name));
}

/** `npm run x`, `npm run-script x`, `npm start`, `npm test` in a command line. */
function npmScripts(command: string): string[] {
  const scripts = [...command.matchAll(/\bnpm\s+(?:run|run-script)\s+([\w:.-]+)/g)].map(
    (m) => m[1],
  );
  const lifecycle = [...command.matchAll(/\bnpm\s+(start|test|stop|restart)\b/g)].map((m) => m[1]);
  return [...scripts, ...lifecycle];
}

/** The environment a stage sets, from `ENV K=V ...` and `ENV K V`. */
function stageEnv(stage: Stage): Map<string, string> {
  const env = new Map<string, string>();
  for (const { keyword, args } of stage.instructions) {
    if (keyword !== 'ENV') continue;
    if (/^[\w.-]+=/.test(args)) {
      for (const m of args.matchAll(/([\w.-]+)=("[^"]*"|'[^']*'|\S*)/g)) {
        env.set(m[1], m[2].replace(/^(["'])(.*)\1$/, '$2'));
      }
    } else {
      const [key, ...value] = args.split(/\s+/);
      env.set(key, value.join(' '));
    }
  }
  return env;
}

/** What the container runs: ENTRYPOINT (exec form) + CMD, or a shell-form ENTRYPOINT alone. */
function startCommand(stage: Stage): string | undefined {
  const last = (keyword: string) => stage.instructions.filter((i) => i.keyword === keyword).at(-1);
  const entrypoint = last('ENTRYPOINT');
  const cmd = last('CMD');
  const workdir = last('WORKDIR')?.args;
  let command: string[];
  if (entrypoint && !entrypoint.args.startsWith('[')) command = words(entrypoint.args);
  else if (entrypoint || cmd)
    command = [...words(entrypoint?.args ?? '[]'), ...words(cmd?.args ?? '[]')];
  else return undefined;
  if (command[0] === 'exec') command = command.slice(1);
  return normaliseCommand(command, workdir);
}

/** One space between words, `./x` as `x`, and absolute paths under WORKDIR relative to it. */
function normaliseCommand(command: string[], workdir?: string): string {
  return command
    .flatMap((word) => word.split(/\s+/).filter(Boolean))
    .map((word) => {
      if (workdir && word.startsWith(`${workdir.replace(/\/+$/, '')}/`)) {
        return path.posix.relative(workdir, word);
      }
      return word.includes('/') && !word.startsWith('-') ? path.posix.normalize(word) : word;
    })
    .join(' ');
}

/** The body of a `## title` section of the README. */
function readmeSection(readme: string, title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`README.md has no "## ${title}" section`);
  const body = readme.slice(start + 1);
  const end = body.indexOf('\n## ', 1);
  return end < 0 ? body : body.slice(0, end);
}

/** The command the README says the image runs, in "Running against PostgreSQL". */
function readmeImageCommand(): string {
  const section = readmeSection(read('README.md'), 'Running against PostgreSQL');
  const match = /The image\s+runs\s+`([^`]+)`/.exec(section);
  if (!match)
    throw new Error('README "Running against PostgreSQL" does not say: The image runs `…`');
  return normaliseCommand(match[1].split(/\s+/));
}

const packageJson = () => JSON.parse(read('package.json')) as { scripts: Record<string, string> };
const dockerfile = () => parseDockerfile(read('Dockerfile'));
const finalStage = () => dockerfile().at(-1)!;
/** The stage a `--from=` names (by name or index), if it comes before `before`. */
const stageNamed = (stages: Stage[], from: string, before: number) =>
  stages.find((s) => s.index < before && (s.name === from || String(s.index) === from));
/** Every source taken from the build context, with the stage and line that copies it. */
const contextSources = (stages: Stage[]) =>
  stages.flatMap((stage) =>
    copies(stage)
      .filter((copy) => copy.from === undefined)
      .flatMap((copy) =>
        copy.sources
          .filter((source) => !/^https?:\/\//.test(source))
          .map((source) => ({ stage, line: copy.line, source })),
      ),
  );

it('parses continuations, comments, stages, flags, and the JSON-array and shell forms', () => {
  const stages = parseDockerfile(
    [
      'FROM --platform=linux/amd64 node:20 AS build',
      'COPY --chown=node:node \\',
      '  # a comment inside the instruction',
      '  a.json \\',
      '',
      '  b.json ./',
      'COPY ["with space", "dest/"]',
      'FROM node:20',
      'COPY --from=build --chown=1000:1000 /app/dist ./dist',
      'CMD ["node", "./dist/server.js"]',
    ].join('\n'),
  );
  expect(stages.map((s) => s.name)).toEqual(['build', undefined]);
  expect(copies(stages[0])).toEqual([
    { line: 2, from: undefined, sources: ['a.json', 'b.json'], dest: './' },
    { line: 7, from: undefined, sources: ['with space'], dest: 'dest/' },
  ]);
  expect(copies(stages[1])).toEqual([
    { line: 9, from: 'build', sources: ['/app/dist'], dest: './dist' },
  ]);
  expect(contextSources(stages).map((s) => s.source)).toEqual(['a.json', 'b.json', 'with space']);
  expect(startCommand(stages[1])).toBe('node dist/server.js');
  expect(npmScripts('npm ci && npm run build && npm prune --omit=dev && npm start')).toEqual([
    'build',
    'start',
  ]);
});

it('matches .dockerignore patterns as Docker does (parents, globs, negation, last rule wins)', () => {
  const rules = parseDockerignore('# comment\n/dist\n*.log\n**/*.tmp\ndocs\n!docs/keep.md\n');
  const ignored = (p: string) => ignoredBy(p, rules) !== undefined;
  expect(ignored('dist')).toBe(true);
  expect(ignored('dist/src/server.js')).toBe(true);
  expect(ignored('src/dist')).toBe(false);
  expect(ignored('error.log')).toBe(true);
  expect(ignored('src/error.log')).toBe(false);
  expect(ignored('src/a/b.tmp')).toBe(true);
  expect(ignored('docs/other.md')).toBe(true);
  expect(ignored('docs/keep.md')).toBe(false);
  expect(ignored('src/server.ts')).toBe(false);
});

it('copies from the build context only files that exist and .dockerignore does not exclude', () => {
  const rules = parseDockerignore(read('.dockerignore'));
  const sources = contextSources(dockerfile());
  expect(sources.length).toBeGreaterThan(0);
  const problems = sources.flatMap(({ line, source }) => {
    if (source.includes('$')) return [`line ${line}: ${source}: variables are not resolved here`];
    const found = expandSource(source);
    if (found.length === 0) return [`line ${line}: ${source} does not exist in the repository`];
    const kept = found.filter((file) => file === '' || !ignoredBy(file, rules));
    if (kept.length === 0) {
      return [
        `line ${line}: ${source} is excluded by .dockerignore (${ignoredBy(found[0], rules)!.pattern})`,
      ];
    }
    if (!kept.some((file) => filesUnder(file).some((f) => !ignoredBy(f, rules)))) {
      return [`line ${line}: .dockerignore excludes every file under ${source}`];
    }
    return [];
  });
  expect(problems).toEqual([]);
});

it('copies --from only earlier stages of the Dockerfile (or a named image)', () => {
  const stages = dockerfile();
  const problems = stages.flatMap((stage) =>
    copies(stage)
      .filter((copy) => copy.from !== undefined && !/[:/]/.test(copy.from))
      .filter((copy) => !stageNamed(stages, copy.from!, stage.index))
      .map((copy) => `line ${copy.line}: --from=${copy.from} is not an earlier stage`),
  );
  expect(problems).toEqual([]);
});

it('starts the server with the command the README documents, which is what npm start runs', () => {
  const documented = readmeImageCommand();
  expect(documented).toBe(normaliseCommand(packageJson().scripts.start.split(/\s+/)));
  expect(startCommand(finalStage())).toBe(documented);
});

it('runs only npm scripts that package.json has, and copies the TypeScript config the build uses', () => {
  const { scripts } = packageJson();
  const stages = dockerfile();
  const commands = stages.flatMap((s) =>
    s.instructions
      .filter((i) => ['RUN', 'CMD', 'ENTRYPOINT'].includes(i.keyword))
      .map((i) => i.args),
  );
  const used = commands.flatMap(npmScripts);
  expect(used).toContain('build');
  expect(used.filter((name) => !(name in scripts))).toEqual([]);

  const project = /\btsc\b.*?(?:-p|--project)\s+(\S+)/.exec(scripts.build)?.[1] ?? 'tsconfig.json';
  const copied = contextSources(stages).flatMap(({ source }) => expandSource(source));
  expect(copied).toContain(cleanPath(project));
});

it('has a production runtime stage: NODE_ENV, production dependencies only, a non-root user', () => {
  const stages = dockerfile();
  const final = finalStage();
  expect(stageEnv(final).get('NODE_ENV')).toBe('production');

  const user = final.instructions
    .filter((i) => i.keyword === 'USER')
    .at(-1)
    ?.args.split(':')[0];
  expect(user).toBeDefined();
  expect(['root', '0']).not.toContain(user);

  // node_modules comes from a stage (or is installed in the final one) that drops devDependencies.
  const modulesFrom = copies(final).find(
    (c) => c.from && c.sources.some((s) => /node_modules\/?$/.test(s)),
  );
  const installer = modulesFrom ? stageNamed(stages, modulesFrom.from!, final.index) : final;
  const runs = (installer?.instructions ?? [])
    .filter((i) => i.keyword === 'RUN')
    .map((i) => i.args);
  expect(
    runs.some((r) => /\bnpm\s+(?:prune|ci|install)\b[^&;|]*--(?:omit=dev|production)/.test(r)),
  ).toBe(true);
});

it('puts the compiled migrations in the image (the server applies them from dist/migrations)', () => {
  const stages = dockerfile();
  const final = finalStage();
  const tsconfig = JSON.parse(read('tsconfig.json')) as {
    compilerOptions: { outDir?: string; rootDir?: string };
    include: string[];
  };
  expect(tsconfig.include).toEqual(expect.arrayContaining(['src', 'migrations']));
  expect(tsconfig.compilerOptions).toMatchObject({ outDir: 'dist', rootDir: '.' });

  const distFrom = copies(final).find(
    (c) => c.from && c.sources.some((s) => /(^|\/)dist\/?$/.test(s)),
  );
  expect(distFrom).toBeDefined();
  const builder = stageNamed(stages, distFrom!.from!, final.index)!;
  const built = contextSources([builder]).map(({ source }) => cleanPath(source));
  // `COPY . .` (the whole context, '') has them too.
  if (!built.includes('')) expect(built).toEqual(expect.arrayContaining(['src', 'migrations']));
});
