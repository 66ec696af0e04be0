/**
 * replication-ack's hand-written tables against its reference code, and the scenario builder's
 * failure budget: every generated scenario stays within what its policy promises to survive.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AckPolicy } from '../../harness/exercise/index.ts';
import { ACK_CASES } from '../../harness/curriculum/replication-ack/cases.ts';
import { POLICY_CASES, policyQuestionArbitrary } from '../../harness/curriculum/replication-ack/policy-checks.ts';
import { ACK_POSITIONS, MEETS_THE_NEEDS, specAckPosition, WAITS_NO_MORE, witnessPolicy } from '../../harness/curriculum/replication-ack/reference.ts';
import { ackSpecArbitrary, budgetProblem, buildAckScenario, hiddenAckSpecArbitrary } from '../../harness/curriculum/replication-ack/scenarios.ts';

const p = (level: AckPolicy['level'], method: 'first' | 'any', count: number, ...names: string[]): AckPolicy => ({ level, sync: { method, count, names } });
const caseNamed = (prefix: string) => POLICY_CASES.find((c) => c.name.startsWith(prefix))!;

describe('replication-ack decision cases', () => {
  it.each(ACK_CASES.map((c) => [c.name, c]))('%s: the written answer is the reference answer', (_, c) => {
    expect(specAckPosition(c.policy, c.view)).toBe(c.expect);
  });

  it('accepts any answer with the reference effect, and never one above the leader', () => {
    const c = ACK_CASES.find((x) => x.name.startsWith('local waits'))!;
    expect(ACK_POSITIONS.accepts({ policy: c.policy, view: c.view, ackedBefore: 0 }, c.view.leaderLsn + 1)).toBe(false);
    const q = { policy: ACK_CASES[0]!.policy, view: ACK_CASES[0]!.view, ackedBefore: 12 };
    // The spec allows 10, the leader already acknowledged 12: any answer up to 12 changes nothing.
    expect([0, 10, 12].map((a) => ACK_POSITIONS.accepts(q, a))).toEqual([true, true, true]);
    expect(ACK_POSITIONS.accepts(q, 13)).toBe(false);
  });
});

describe('replication-ack policy cases, as the design table states them', () => {
  const meets = (prefix: string, policy: AckPolicy) => MEETS_THE_NEEDS.accepts(caseNamed(prefix), policy);
  const minimal = (prefix: string, policy: AckPolicy) => WAITS_NO_MORE.accepts(caseNamed(prefix), policy);
  it.each([
    ['P1', p('remote_flush', 'first', 1, 'n2'), true],
    ['P1', p('remote_write', 'first', 1, 'n2'), false],
    ['P2', p('remote_flush', 'first', 1, 'n2', 'n3'), true],
    ['P2', p('remote_flush', 'any', 1, 'n2', 'n3'), true],
    ['P2', p('remote_flush', 'first', 2, 'n2', 'n3'), false],
    ['P2', p('remote_flush', 'first', 1, 'n2'), false],
    ['P3', p('remote_flush', 'any', 1, 'n3', 'n5'), true],
    ['P3', p('remote_flush', 'any', 2, 'n2', 'n3', 'n5'), true],
    ['P3', p('remote_flush', 'any', 1, 'n3', 'n4'), false],
    ['P4', p('remote_flush', 'first', 1, 'n2', 'n3'), true],
    ['P4', p('remote_flush', 'any', 1, 'n3', 'n2'), true],
    ['P4', p('remote_flush', 'first', 1, 'n3', 'n2'), false],
  ] as const)('%s: %j meets the needs: %s', (prefix, policy, ok) => {
    expect(meets(prefix, policy)).toBe(ok);
  });
  it.each([
    ['P5', p('local', 'first', 1, 'n2'), true],
    ['P5', p('remote_flush', 'any', 1), true],
    ['P5', p('remote_flush', 'first', 1, 'n2'), false],
    ['P6', p('remote_flush', 'any', 1, 'n3'), true],
    ['P6', p('remote_flush', 'first', 2, 'n2', 'n4'), true],
    ['P6', p('remote_apply', 'any', 1, 'n3'), false],
    ['P6', p('remote_flush', 'any', 2, 'n3', 'n4'), false],
    ['P7', p('remote_apply', 'any', 2, 'n2', 'n3'), true],
    ['P7', p('remote_flush', 'any', 2, 'n2', 'n3'), false],
  ] as const)('%s: %j meets the needs waiting no more: %s', (prefix, policy, ok) => {
    expect(minimal(prefix, policy)).toBe(ok);
  });

  it('the witness of generated needs waits no more than they require', () => {
    for (const q of fc.sample(policyQuestionArbitrary, { seed: 4, numRuns: 300 })) expect(WAITS_NO_MORE.accepts(q, witnessPolicy(q)), JSON.stringify(q)).toBe(true);
  });
});

describe('replication-ack scenarios', () => {
  it('every generated scenario stays within its failure budget, in both tiers', () => {
    for (const arbitrary of [ackSpecArbitrary, hiddenAckSpecArbitrary])
      for (const spec of fc.sample(arbitrary, { seed: 9, numRuns: 600 })) expect(budgetProblem(buildAckScenario(spec)), JSON.stringify(spec)).toBeUndefined();
  });

  it('refuses a scenario whose disaster takes more than its policy survives', () => {
    const ok = buildAckScenario({ family: 'crash-before-flush', seed: 1, latencyMax: 5, lossPct: 0, level: 'remote_flush', method: 'first', flushIntervalMs: 50 });
    expect(budgetProblem({ ...ok, disaster: { ...ok.disaster, lost: ['n1', 'n2'] } })).toMatch(/more than 1/);
    expect(budgetProblem({ ...ok, policy: p('remote_write', 'first', 1, 'n2', 'n3') })).toMatch(/power loss/);
    expect(budgetProblem({ ...ok, policy: p('local', 'first', 1, 'n2') })).toMatch(/only on the leader/);
    expect(() => buildAckScenario({ family: 'random', seed: 1, latencyMax: 5, lossPct: 0, members: 3, policy: p('remote_write', 'any', 1, 'n2'), lostPick: 0, powerLoss: true, faults: [] })).toThrow(/budget/);
  });
});
