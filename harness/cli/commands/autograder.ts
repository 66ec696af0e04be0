/**
 * `workbook autograder gradescope [--out <zip>] [--config <file>]`: the Gradescope autograder zip
 * (setup.sh, run_autograder, the workbook's harness and the instructor configuration).
 * `workbook autograder github [--out <file>]`: the GitHub Classroom workflow file.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import type yazlModule from 'yazl';
import { defaultGradeConfig, loadGradeConfig, writeFileAtomic, ConfigError, type GradeConfig } from '../../grading/index.ts';
import { classroomRunners, renderClassroomWorkflow } from '../../render/index.ts';
import type { CommandSpec } from '../command.ts';
import { UsageError, type CliIo } from '../io.ts';

/** What the autograder needs of the workbook: the harness and how to build it; no tests, no solutions. */
const BUNDLED = ['package.json', 'package-lock.json', 'tsconfig.json', 'bin', 'scripts', 'harness'];

/** The Node release the platform scripts install: the Active LTS, pinned exactly (the same in both). */
export const PLATFORM_NODE_VERSION = '26.12.1';
/** The user learner processes run as on Gradescope (the grader itself stays root). */
export const LEARNER_USER = 'workbook-learner';

/**
 * After `npm ci`: root keeps source/ (the harness, grading.json with the hidden seeds) to itself; the
 * learner user may only reach the learner host and the public exercise module it is started with.
 * `$SOURCE` is the folder (a variable so the tests can run this part on a copy).
 */
export const SETUP_PERMISSIONS = `chown -R root:root "$SOURCE"
chmod -R go-rwx "$SOURCE"
chmod go+x "$(dirname "$SOURCE")" "$SOURCE" "$SOURCE/dist"
chmod go+r "$SOURCE/dist/learner-host.js" "$SOURCE/dist/exercise.js"
`;

export const SETUP_SH = `#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image.
set -euo pipefail
NODE_VERSION=${PLATFORM_NODE_VERSION}
apt-get update
apt-get install -y --no-install-recommends ca-certificates curl xz-utils
# Node ${PLATFORM_NODE_VERSION} exactly, checked against the release's published SHA-256 sums.
cd /tmp
curl -fsSLO "https://nodejs.org/dist/v\${NODE_VERSION}/node-v\${NODE_VERSION}-linux-x64.tar.xz"
curl -fsSLO "https://nodejs.org/dist/v\${NODE_VERSION}/SHASUMS256.txt"
grep " node-v\${NODE_VERSION}-linux-x64.tar.xz\$" SHASUMS256.txt | sha256sum -c -
mkdir -p /opt/node
tar -xJf "node-v\${NODE_VERSION}-linux-x64.tar.xz" -C /opt/node --strip-components=1
# Learner processes run this binary as ${LEARNER_USER}: readable and runnable by all, writable by root only.
chmod -R a+rX,go-w /opt/node
ln -sf /opt/node/bin/node /usr/local/bin/node
ln -sf /opt/node/bin/npm /usr/local/bin/npm
ln -sf /opt/node/bin/npx /usr/local/bin/npx
node --version | grep -qx "v\${NODE_VERSION}"
# The unprivileged user of learner processes: no home, no shell, owns nothing.
id -u ${LEARNER_USER} >/dev/null 2>&1 || useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin ${LEARNER_USER}
cd /autograder/source
npm ci --omit=dev
SOURCE=/autograder/source
${SETUP_PERMISSIONS}`;

export const RUN_AUTOGRADER = `#!/usr/bin/env bash
# Gradescope runs this for every submission, as root. The grader reads source/ and grading.json as
# root; only learner processes run as ${LEARNER_USER}. results.json is written even if grading fails.
mkdir -p /autograder/results
cd /autograder/source
export WORKBOOK_LEARNER_USER=${LEARNER_USER}
node bin/workbook.js grade --gradescope --root /autograder
if [ ! -s /autograder/results/results.json ]; then
  printf '%s\\n' '{"score":0,"output":"The autograder failed before it could write results (an internal error, not a grade of your work). Please tell your instructor.","tests":[]}' > /autograder/results/results.json
fi
exit 0
`;

export const autograderSpec: CommandSpec = {
  name: 'autograder',
  learnerWorkbook: false,
  usage: [
    'workbook autograder gradescope  build the Gradescope autograder zip   --out <zip> --config <file>',
    'workbook autograder github      write the GitHub Classroom workflow     --out <file> --config <file>',
  ],
  options: { out: { type: 'string' }, config: { type: 'string' } },
  async run({ positionals, values }, io) {
    const target = positionals[0];
    if (target === 'gradescope') return gradescopeZip(resolve(typeof values.out === 'string' ? values.out : 'autograder.zip'), values.config as string | undefined, io);
    if (target === 'github') {
      const out = resolve(typeof values.out === 'string' ? values.out : join(io.root, '.github', 'workflows', 'classroom.yml'));
      const configFile = values.config as string | undefined;
      const config = configFile !== undefined ? readConfig(configFile) : defaultGradeConfig();
      // The grade step reads the same file, committed to the assignment repository at the path given.
      const workflow = renderClassroomWorkflow(classroomRunners(config), { nodeVersion: PLATFORM_NODE_VERSION, ...(configFile !== undefined ? { configPath: configFile } : {}) });
      writeFileAtomic(out, workflow);
      io.out(`wrote ${out}\n`);
      return 0;
    }
    throw new UsageError('name the platform: workbook autograder gradescope | github');
  },
};

async function gradescopeZip(out: string, configFile: string | undefined, io: CliIo): Promise<number> {
  // Loaded on first use, like every library only one command needs.
  const yazl = createRequire(import.meta.url)('yazl') as typeof yazlModule;
  const zip = new yazl.ZipFile();
  const mtime = new Date(Date.UTC(2020, 0, 1));
  zip.addBuffer(Buffer.from(SETUP_SH), 'setup.sh', { mtime, mode: 0o100755 });
  zip.addBuffer(Buffer.from(RUN_AUTOGRADER), 'run_autograder', { mtime, mode: 0o100755 });
  if (configFile !== undefined) {
    readConfig(configFile);
    zip.addBuffer(readFileSync(resolve(configFile)), 'grading.json', { mtime, mode: 0o100644 });
  } else io.err('workbook autograder: no --config given: the hidden tier will use the built-in seed, which is not secret\n');
  for (const file of listFiles(io.root, BUNDLED)) zip.addBuffer(readFileSync(join(io.root, file)), file.split(sep).join('/'), { mtime, mode: 0o100644 });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  writeFileAtomic(out, Buffer.concat(chunks));
  io.out(`wrote ${out}: upload it as the autograder of a Gradescope programming assignment\n`);
  return 0;
}

function readConfig(file: string): GradeConfig {
  try {
    return loadGradeConfig(resolve(file));
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

function listFiles(root: string, entries: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (path: string): void => {
    const stat = lstatSync(path);
    if (stat.isDirectory()) for (const name of readdirSync(path).sort()) walk(join(path, name));
    else if (stat.isFile()) out.push(relative(root, path));
  };
  for (const e of entries) walk(join(root, e));
  return out;
}
