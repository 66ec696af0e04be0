/**
 * monotonic-reads' rollback lesson (design §E.7): the asynchronous cluster loses writes its users
 * were shown, and after the failover both harness-owned policies show those users an older state.
 */
import { describe, expect, it } from 'vitest';
import { runSessionCluster, type SessionPolicy } from '../../../harness/cluster/index.ts';
import { bothNotes, rollbackLesson } from '../../../harness/curriculum/monotonic-reads/lessons.ts';
import { buildRollbackScenario } from '../../../harness/curriculum/monotonic-reads/scenarios.ts';
import type { ScenarioCheck } from '../../../harness/curriculum/scenario-checks.ts';

const hostYield = (): Promise<void> => new Promise((r) => setImmediate(r));
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a check is only read for its properties here
const check = (property: string) => ({ properties: [property] }) as unknown as ScenarioCheck<any, any>;
const numbers = (text: string): number[] => [...text.matchAll(/(\d+) of (\d+)/g)].flatMap((m) => [Number(m[1]), Number(m[2])]);

describe('the rollback lesson', () => {
  it('says how many shown writes were lost and how many later reads went back in time, on the never-back-in-time check only', async () => {
    const lessons = await rollbackLesson({ hostYield }).finish(true);
    const [text] = lessons(check('never-back-in-time'));
    expect(text).toMatch(/users were shown [1-9]\d* writes the new leader never had/);
    const [anyOlder, anyReads, tokenOlder, tokenReads] = numbers(text!.slice(text!.indexOf('later reads')));
    expect(anyReads).toBeGreaterThan(0);
    expect(anyOlder).toBeGreaterThan(0);
    expect(tokenOlder).toBeGreaterThan(0);
    expect(tokenReads).toBe(anyReads);
    expect(lessons(check('stays-home'))).toEqual([]);
    expect((await rollbackLesson({ hostYield }).finish(false))(check('never-back-in-time'))).toEqual([]);
  });

  it('under majority commit the same scenario acknowledges nothing the failover drops', async () => {
    const policy: SessionPolicy = { start: {}, sessionKey: (u) => Promise.resolve({ ok: true, value: u }), chooseReplica: (_s, _r, reps) => Promise.resolve({ ok: true, value: reps.find((r) => r.reachable)?.id ?? null }), acceptsReply: () => Promise.resolve({ ok: true, value: true }) };
    const run = await runSessionCluster(buildRollbackScenario(3), policy, { hostYield, trace: false });
    const acked = new Set(run.history.flatMap((o) => (o.op === 'put' && o.status === 'ok' ? [(o.output as { lsn: number }).lsn] : [])));
    const refilled = run.notes.flatMap((e) => (e.kind === 'note' && e.name === 'commit' && (e.data as { epoch: number }).epoch > 1 ? [(e.data as { lsn: number }).lsn] : []));
    expect(refilled.filter((lsn) => acked.has(lsn) && run.history.some((o) => o.op === 'put' && (o.output as { lsn?: number } | undefined)?.lsn === lsn && o.completedAt! < 600))).toEqual([]);
  });

  it('bothNotes shows what either lesson says of a check', async () => {
    const say = (line: string, property: string) => ({ observe() {}, finish: async () => (c: ScenarioCheck<string>) => (c.properties.includes(property) ? [line] : []) });
    const both = await bothNotes(say('a', 'x'), say('b', 'x')).finish(true);
    expect(both(check('x'))).toEqual(['a', 'b']);
  });
});
