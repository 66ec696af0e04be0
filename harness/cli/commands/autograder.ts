/**
 * `workbook autograder gradescope [--out <zip>] [--config <file>]`: the Gradescope autograder zip
 * (setup.sh, run_autograder, the workbook's harness and the instructor configuration).
 * `workbook autograder github [--out <file>]`: the GitHub Classroom workflow file.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import type yazlModule from 'yazl';
import { loadGradeConfig, writeFileAtomic, ConfigError } from '../../grading/index.ts';
import { renderClassroomWorkflow } from '../../render/index.ts';
import type { CommandSpec } from '../command.ts';
import { UsageError, type CliIo } from '../io.ts';

/** What the autograder needs of the workbook: the harness and how to build it; no tests, no solutions. */
const BUNDLED = ['package.json', 'package-lock.json', 'tsconfig.json', 'bin', 'scripts', 'harness'];

export const SETUP_SH = `#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image.
set -euo pipefail
apt-get update
apt-get install -y --no-install-recommends ca-certificates curl
curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
apt-get install -y --no-install-recommends nodejs
cd /autograder/source
npm ci --omit=dev
`;

export const RUN_AUTOGRADER = `#!/usr/bin/env bash
# Gradescope runs this for every submission. results.json is written even if grading fails.
mkdir -p /autograder/results
cd /autograder/source
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
    'workbook autograder github      write the GitHub Classroom workflow     --out <file>',
  ],
  options: { out: { type: 'string' }, config: { type: 'string' } },
  async run({ positionals, values }, io) {
    const target = positionals[0];
    if (target === 'gradescope') return gradescopeZip(resolve(typeof values.out === 'string' ? values.out : 'autograder.zip'), values.config as string | undefined, io);
    if (target === 'github') {
      const out = resolve(typeof values.out === 'string' ? values.out : join(io.root, '.github', 'workflows', 'classroom.yml'));
      writeFileAtomic(out, renderClassroomWorkflow());
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
    try {
      loadGradeConfig(resolve(configFile));
    } catch (error) {
      if (error instanceof ConfigError) throw new UsageError(error.message);
      throw error;
    }
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
