import { describe, expect, it } from 'vitest';
import { decodeReplayToken, encodeReplayToken, HARNESS_VERSION } from '../../harness/curriculum/index.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../harness/grading/index.ts';

describe('replay tokens', () => {
  it('round-trip the exercise, its replay format and the spec, and nothing else', () => {
    const token = { exercise: 'failover-coordinator', format: 1, spec: { family: 'random', seed: 3 } };
    const encoded = encodeReplayToken(token);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeReplayToken(encoded)).toEqual({ ok: true, token });
    expect(JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'))).toEqual({ ex: 'failover-coordinator', f: 1, spec: { family: 'random', seed: 3 } });
  });

  it('refuse a damaged token, a token without exercise, format or spec, and an old token, saying why', () => {
    expect(decodeReplayToken('abc')).toEqual({ ok: false, problem: 'it is not a replay token (was it cut when copying?)' });
    const raw = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    expect(decodeReplayToken(raw({ f: 1, spec: {} }))).toEqual({ ok: false, problem: 'it names no exercise' });
    expect(decodeReplayToken(raw({ ex: 'vector-clock', f: 1.5, spec: {} }))).toEqual({ ok: false, problem: 'it names no replay format' });
    expect(decodeReplayToken(raw({ ex: 'vector-clock', f: 1 }))).toEqual({ ok: false, problem: 'it holds no scenario' });
    const old = decodeReplayToken(raw({ v: '0.1.0', ex: 'failover-coordinator', sc: { spec: {}, scenario: {} } }));
    expect(old).toMatchObject({ ok: false, old: true });
  });

  it('record the same harness version as package.json', () => {
    const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
    expect(HARNESS_VERSION).toBe(pkg.version);
  });
});
