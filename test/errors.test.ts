import { describe, expect, it } from 'vitest';
import { ERROR_CODES, harnessError, isHarnessError, isUsageError } from '../harness/errors.ts';
import { createWorkerPort } from '../harness/grading/index.ts';
import { History, Simulation } from '../harness/sim/index.ts';

/** The error `run` throws; fails the test when it throws nothing. */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('harnessError', () => {
  it('keeps the built-in class callers test for and adds the stable code', () => {
    const error = harnessError('ERR_INVALID_OPTION', 'x must be ≥ 0', RangeError);
    expect(error).toBeInstanceOf(RangeError);
    expect(error).toMatchObject({ code: 'ERR_INVALID_OPTION', message: 'x must be ≥ 0' });
    expect(isHarnessError(error, 'ERR_INVALID_OPTION')).toBe(true);
    expect(isHarnessError(error, 'ERR_PORT_CLOSED')).toBe(false);
  });

  it('recognises only its own codes', () => {
    expect(isHarnessError(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe(false);
    expect(isHarnessError({ code: 'ERR_PORT_CLOSED', message: 'not an Error' })).toBe(false);
    expect(Object.keys(ERROR_CODES)).toContain('ERR_INVALID_REPLAY_TOKEN');
  });

  it('marks a bad replay token and an unknown exercise as usage mistakes, a closed port as not', () => {
    expect(isUsageError(harnessError('ERR_INVALID_REPLAY_TOKEN', 'this replay token is not valid for x: truncated'))).toBe(true);
    expect(isUsageError(harnessError('ERR_UNKNOWN_EXERCISE', 'no exercise named "x"'))).toBe(true);
    expect(isUsageError(harnessError('ERR_PORT_CLOSED', 'this learner port was closed'))).toBe(false);
    expect(isUsageError(new Error('plain'))).toBe(false);
  });
});

// Pinned like turmoil's `should_panic(expected = …)`: the code and the whole message are the API.
describe('misuse messages', () => {
  const idle = () => ({ onMessage() {} });

  it('the simulator names the option, the node or the phase', async () => {
    expect(thrown(() => new Simulation({ seed: 0.5 }))).toMatchObject({ code: 'ERR_INVALID_OPTION', message: 'seed must be an integer, got 0.5' });
    expect(thrown(() => new Simulation({ seed: 1, network: { latency: { min: 5, max: 2 } } }))).toMatchObject({
      code: 'ERR_INVALID_OPTION',
      message: 'network.latency.max must be a whole number ≥ latency.min (5), got 2',
    });
    const sim = new Simulation({ seed: 1 }).addNode('n1', idle);
    expect(thrown(() => sim.addNode('n1', idle))).toMatchObject({ code: 'ERR_DUPLICATE_NODE', message: 'addNode("n1"): a node with this id already exists' });
    expect(thrown(() => sim.status('n9'))).toMatchObject({ code: 'ERR_UNKNOWN_NODE', message: 'no node "n9" (nodes: n1)' });
    expect(thrown(() => sim.inject({ kind: 'clock', node: 'n1', skewMs: 0, drift: -1 }))).toMatchObject({
      code: 'ERR_INVALID_OPTION',
      message: 'clock drift must be greater than -1 (a clock cannot stop), got -1',
    });
    await sim.run(0);
    expect(thrown(() => sim.addNode('n2', idle))).toMatchObject({ code: 'ERR_SIMULATION_STARTED' });
    expect(thrown(() => new History().complete(1, 3, 'ok'))).toMatchObject({ code: 'ERR_UNKNOWN_OPERATION', message: 'history: no operation with id 3' });
  });

  it('a learner port names the option and its unit', () => {
    expect(thrown(() => createWorkerPort({ code: '', filename: 'x.ts', callTimeoutMs: 0 }))).toMatchObject({
      code: 'ERR_INVALID_OPTION',
      message: 'createWorkerPort: callTimeoutMs must be a positive number of ms, got 0',
    });
  });
});
