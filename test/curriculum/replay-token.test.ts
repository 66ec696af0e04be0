import { describe, expect, it } from 'vitest';
import { decodeReplayToken, encodeReplayToken, HARNESS_VERSION } from '../../harness/curriculum/index.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../harness/grading/index.ts';

describe('replay tokens', () => {
  it('round-trip the exercise and the scenario data', () => {
    const scenario = { spec: { family: 'random', seed: 3 }, scenario: { seed: 3, faults: [{ at: 10, fault: { kind: 'crash', node: 'n1' } }] } };
    const token = encodeReplayToken({ exercise: 'failover-coordinator', scenario });
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeReplayToken(token)).toEqual({ ok: true, payload: { exercise: 'failover-coordinator', scenario } });
  });

  it('refuse a damaged token and a token from another harness version, saying why', () => {
    expect(decodeReplayToken('abc')).toEqual({ ok: false, problem: 'this replay token is not valid (was it cut when copying?)' });
    const other = Buffer.from(JSON.stringify({ v: '0.0.1', ex: 'failover-coordinator', sc: {} })).toString('base64url');
    const decoded = decodeReplayToken(other);
    expect(decoded.ok).toBe(false);
    expect(!decoded.ok && decoded.problem).toContain('harness version 0.0.1');
  });

  it('record the same harness version as package.json', () => {
    const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
    expect(HARNESS_VERSION).toBe(pkg.version);
  });
});
