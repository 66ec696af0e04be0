/**
 * `workbook grade` on a class of attackers beside a correct and a buggy student, against a run of the
 * same two alone: each attacker's pair ends with a named status, the other two's gradebook rows,
 * gradebook entries and feedback are byte-identical to the clean run, and every student's grade is
 * written. One shared class keeps the suite fast: the attacks run side by side in one graded run.
 */
import { createServer, type AddressInfo, type Server } from 'node:net';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findExercise } from '../../harness/curriculum/index.ts';
import { childIsolation, type PairResult, type StudentGrade } from '../../harness/grading/index.ts';
import { ROOT, workbook, type WorkbookRun } from '../cli/run-workbook.ts';
import { CLASS } from './grade-fixtures.ts';

/** Where the exercise file sits in a submission, from the manifest (folder names change with the kit). */
const FILE = findExercise('failover-coordinator')!.file;
const ALICE = readFileSync(join(CLASS, 'alice-correct', FILE), 'utf8')
  .replace('export function validateSafeFailover(', 'function correctValidate(')
  .replace('export function electNewLeader(', 'function correctElect(');
/** Alice's correct code under other names, and exports that run `attack` first. */
const withAttack = (prelude: string, validate = 'correctValidate(view)', elect = 'correctElect(view)'): string =>
  `${ALICE}\n${prelude}\nexport function validateSafeFailover(view: FailoverView): SafetyVerdict { return ${validate}; }\nexport function electNewLeader(view: FailoverView): Election { return ${elect}; }\n`;

const SPY = `
const channel = process as unknown as { on(e: string, f: (m: { id?: number }) => void): void; send(m: unknown): void };
let callId = 0;
channel.on('message', (m) => { if (typeof m?.id === 'number') callId = m.id; });`;

let listening = 0;
const ATTACKERS: Record<string, () => string> = {
  // F1: forge "waiting" for the call in progress, then block without using CPU.
  'atk-forged-waiting': () =>
    // The host refuses Atomics.wait and vm; WebAssembly's memory.atomic.wait32 still blocks without CPU.
    withAttack(`${SPY}\nconst block = (): never => { channel.send({ type: 'waiting', id: callId }); (new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array([0,97,115,109,1,0,0,0,1,5,1,96,0,1,127,3,2,1,0,5,4,1,3,1,1,7,8,1,4,119,97,105,116,0,0,10,14,1,12,0,65,0,65,0,66,127,254,1,2,0,11])), {}).exports as { wait(): number }).wait(); throw new Error('unreachable'); };`, 'block()'),
  // F2: every route to kill(2), aimed at the grading process; then a correct answer.
  'atk-signals': () =>
    withAttack(`
const p = process as unknown as Record<string, (...a: unknown[]) => unknown>;
const tryAll = () => { for (const f of [() => p.kill!(process.ppid, 'SIGSTOP'), () => p._kill!(process.ppid, 9), () => p._debugProcess!(process.ppid), () => p.binding!('process_methods')]) { try { f(); } catch { /* refused */ } } };
tryAll();`, '(tryAll(), correctValidate(view))'),
  // F3: a 60-million-character answer.
  'atk-huge-string': () => withAttack('', `'x'.repeat(60_000_000) as unknown as SafetyVerdict`),
  // F4: a sparse array of length 2³²−1, and a 1M-item answer.
  'atk-sparse-array': () => withAttack('const sparse = () => { const a: unknown[] = []; a[2 ** 32 - 2] = 1; return a as unknown as SafetyVerdict; };', 'sparse()'),
  'atk-million-items': () => withAttack('', `new Array(1_000_000).fill('sku-1') as unknown as SafetyVerdict`),
  // F5: 800 KB of nested parentheses, which crashes esbuild's service.
  'atk-deep-parens': () => `export const x = ${'('.repeat(400_000)}1${')'.repeat(400_000)};\n`,
  // F6: a type-only import of the grader's own files, through the type checker's working directory.
  'atk-type-leak': () =>
    withAttack(`
type Grader = typeof import('/proc/self/cwd/harness/grading/grade/grade-config.ts');
export const leak: string = 0 as unknown as Grader['MAX_HIDDEN_SCHEDULES'];`),
  // F8: dial a listener on 127.0.0.1 at import and on every call.
  'atk-network': () =>
    withAttack(`
import { connect } from 'node:net';
const dial = () => { const s = connect(${listening}, '127.0.0.1'); s.on('connect', () => { s.write('views'); s.end(); }); s.on('error', () => undefined); };
dial();`, '(dial(), correctValidate(view))'),
};

const CONFIG = { exercises: ['failover-coordinator'], hidden: { 'failover-coordinator': { seed: 4242, schedules: 60, weight: 1 } }, limits: { cpuMsPerCall: 1000, memoryMb: 256, cpuMsPerExercise: 4000 } };

let work: string;
let server: Server;
const received: string[] = [];
let clean: WorkbookRun;
let attacked: WorkbookRun;

function classWith(name: string, students: Record<string, string>): string {
  const dir = join(work, name);
  for (const s of ['alice-correct', 'carol-partial']) cpSync(join(CLASS, s), join(dir, s), { recursive: true });
  for (const [student, source] of Object.entries(students)) {
    mkdirSync(join(dir, student, FILE, '..'), { recursive: true });
    writeFileSync(join(dir, student, FILE), source);
  }
  return dir;
}

const out = (name: string) => join(work, `${name}-out`);
const gradebook = (name: string) => JSON.parse(readFileSync(join(out(name), 'gradebook.json'), 'utf8')) as { students: StudentGrade[] };
const pair = (student: string): PairResult => gradebook('attacked').students.find((s) => s.student === student)!.pairs[0]!;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'ddia-attacks-'));
  server = createServer((socket) => {
    received.push('connection');
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  listening = (server.address() as AddressInfo).port;
  const config = join(work, 'grading.json');
  writeFileSync(config, JSON.stringify(CONFIG));
  const cleanDir = classWith('clean', {});
  const attackDir = classWith('attacked', Object.fromEntries(Object.entries(ATTACKERS).map(([s, make]) => [s, make()])));
  clean = await workbook(['grade', cleanDir, '--config', config, '--out', out('clean'), '--jobs', '2']);
  attacked = await workbook(['grade', attackDir, '--config', config, '--out', out('attacked'), '--jobs', '2']);
}, 200_000);

afterAll(() => {
  server?.close();
  if (work && process.env.KEEP_ATTACKS === undefined) rmSync(work, { recursive: true, force: true });
});

describe('workbook grade: a class of attackers', () => {
  it('writes every student’s grade, and leaves the correct and the buggy student byte-identical to a run without attackers', () => {
    expect(clean.code, clean.stderr).toBe(0);
    expect(attacked.code, attacked.stderr).toBe(0);
    expect(attacked.stderr).toContain(`${2 + Object.keys(ATTACKERS).length} students`);
    const rows = (name: string) => new Map(readFileSync(join(out(name), 'gradebook.csv'), 'utf8').trim().split('\r\n').map((l) => [l.split(',')[0], l]));
    for (const s of ['alice-correct', 'carol-partial']) {
      expect(rows('attacked').get(s), s).toBe(rows('clean').get(s));
      expect(JSON.stringify(gradebook('attacked').students.find((x) => x.student === s))).toBe(JSON.stringify(gradebook('clean').students.find((x) => x.student === s)));
      for (const f of ['feedback.md', 'feedback.html']) expect(readFileSync(join(out('attacked'), 'students', s, f), 'utf8'), `${s}/${f}`).toBe(readFileSync(join(out('clean'), 'students', s, f), 'utf8'));
    }
    expect(pair('alice-correct').score).toBe(25);
    for (const s of Object.keys(ATTACKERS)) expect(rows('attacked').has(s), s).toBe(true);
    // Loose on a shared machine: the forged-waiting pair is bounded by its watchdog, twice.
    const watchdogMs = 3 * CONFIG.limits.cpuMsPerExercise;
    expect(attacked.ms).toBeLessThan(2 * clean.ms + 2 * watchdogMs + 60_000);
  });

  it('ends each attacker’s pair with a named status', () => {
    const statuses = (s: string) => new Set(pair(s).checks.map((c) => c.status));
    expect(pair('atk-forged-waiting').outcome).toBe('graded');
    expect(statuses('atk-forged-waiting'), pair('atk-forged-waiting').problem).toEqual(new Set(['timed-out']));
    expect(pair('atk-forged-waiting').problem).toMatch(/^timed out \(no progress\)/);
    const log = readFileSync(join(out('attacked'), 'runs', 'atk-forged-waiting.log'), 'utf8');
    expect(log).toContain('retried once in a fresh grading process');

    expect(pair('atk-signals').score, JSON.stringify(pair('atk-signals').checks.map((c) => c.message))).toBe(25);

    for (const s of ['atk-huge-string', 'atk-million-items']) {
      expect(pair(s).score, s).toBe(0);
      // The budget refuses the answer; on a loaded machine the child may first hit its memory or CPU
      // limit building it. Every one is a named status, none a pass, and the message stays short.
      const named = /malformed answer: validateSafeFailover\(\) returned more than|out of memory|timed out|timeout/;
      for (const c of pair(s).checks) expect(c.message, `${s}: ${c.id}`).toMatch(named);
      for (const c of pair(s).checks) expect(['crashed', 'timed-out', 'failed'], `${s}: ${c.id}`).toContain(c.status);
      for (const c of pair(s).checks) expect(c.message.length, s).toBeLessThan(5000);
    }
    expect(pair('atk-sparse-array').checks.some((c) => c.message.includes('has no element at index 0')), JSON.stringify(pair('atk-sparse-array').checks.map((c) => c.message))).toBe(true);

    expect(pair('atk-deep-parens').problem).toMatch(/^your file does not compile .*the bundler crashed on this file/);
  });

  it('confines the type check to the student’s own files', () => {
    const leak = pair('atk-type-leak');
    expect(leak.score).toBe(25);
    const text = JSON.stringify(leak.typeErrors);
    expect(leak.typeErrors.map((d) => d.code)).toContain('TS2307');
    expect(text).not.toMatch(/'600'|cpuMsPerExercise|MAX_HIDDEN/);
    expect(text).not.toContain(ROOT);
    for (const d of leak.typeErrors) expect(d.file).toBe(FILE);
  });

  it('lets no learner connection reach 127.0.0.1 where the machine can prevent it, and says so where it cannot', () => {
    expect(pair('atk-network').score).toBe(25);
    const log = readFileSync(join(out('attacked'), 'runs', 'atk-network.log'), 'utf8');
    if (childIsolation().network === 'none') {
      expect(log).toMatch(/learner isolation: network NOT restricted/);
      expect(attacked.stderr).toContain('learner isolation is incomplete');
    } else {
      expect(received).toEqual([]);
      expect(log).toMatch(/learner isolation: no network/);
    }
  });
});
