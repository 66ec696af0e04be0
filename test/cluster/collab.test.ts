/**
 * The collab cluster (Jupiter) with the reference transform: a client offline while everyone edits,
 * two clients at one spot at one moment, and a paused server all end with one text that keeps every
 * edit and never swaps two characters; a transform whose ties never shift diverges; same seed, same
 * trace.
 */
import { describe, expect, it } from 'vitest';
import { applyTextOp, applyTextOps, checkCollabRun, collabRecord, referenceTransform } from '../../harness/checkers/index.ts';
import { runCollab, type CollabLogic } from '../../harness/cluster/index.ts';
import type { TextOp } from '../../harness/exercise/index.ts';
import { buildCollabScenario, type CollabSpec } from '../../harness/curriculum/operational-transform/scenarios.ts';

const logic = (transform: (op: TextOp, applied: TextOp) => TextOp[]): CollabLogic => ({
  transform: async (op, applied) => ({ ok: true, value: transform(op, applied) }),
  opsProblem: (ops, text, site) => {
    const r = applyTextOps(text, ops, site);
    return r.ok ? null : r.problem;
  },
  apply: (text, ops) => ops.reduce(applyTextOp, text),
});
const common = { seed: 11, clients: 3, editsPerClient: 5, initialLength: 4, latencyMax: 6 };
const specs: CollabSpec[] = [
  { ...common, family: 'offline-editor', who: 1, at: 20, offlineFor: 300 },
  { ...common, family: 'same-spot', at: 60, spot: 2, editors: 3, deletes: [false, true, false], lengths: [2, 2, 1] },
  { ...common, family: 'paused-server', at: 50, pauseFor: 150 },
];

describe('the collab cluster', () => {
  it.each(specs.map((s) => [s.family, s] as const))('%s: one text, every edit kept, no swap', async (_family, spec) => {
    const run = await runCollab(buildCollabScenario(spec), logic(referenceTransform), { trace: false });
    expect(run.stoppedBy).toBeUndefined();
    expect(checkCollabRun(run, collabRecord(run)).filter((v) => !v.ok)).toEqual([]);
    expect(collabRecord(run).cells.length).toBeGreaterThan(0);
  });

  it('inserts at one position that never shift leave editors apart', async () => {
    const stays = (op: TextOp, applied: TextOp): TextOp[] => (op.kind === 'insert' && applied.kind === 'insert' && op.pos === applied.pos ? [op] : referenceTransform(op, applied));
    const spec: CollabSpec = { ...common, family: 'same-spot', at: 60, spot: 1, editors: 2, deletes: [false, false, false], lengths: [1, 1, 1] };
    const run = await runCollab(buildCollabScenario(spec), logic(stays), { trace: false });
    expect(checkCollabRun(run, collabRecord(run)).find((v) => !v.ok)?.property).toBe('editors-converge');
  });

  it('same seed, same trace', async () => {
    const a = await runCollab(buildCollabScenario(specs[0]!), logic(referenceTransform));
    const b = await runCollab(buildCollabScenario(specs[0]!), logic(referenceTransform));
    expect(JSON.stringify([...b.trace])).toBe(JSON.stringify([...a.trace]));
  });
});
