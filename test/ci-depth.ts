/**
 * How deep a test sweeps. With CI=true a test runs every fixture and the shipped hidden tiers. CI's
 * second leg runs the grading and CLI tests again on the Active LTS Node (.ci/run sets
 * CI_LEG=second there): it is there for what differs between Node versions (the permission model,
 * the process surface, the learner ports), which the plain subset of a sweep covers. A sweep whose
 * outcome does not depend on the Node version (every fixture through both ports, every solution at
 * the shipped hidden tiers) runs whole once, on the first leg.
 */
export const FULL_SWEEP = process.env.CI === 'true' && process.env.CI_LEG !== 'second';
