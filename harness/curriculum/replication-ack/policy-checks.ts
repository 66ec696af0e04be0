/**
 * `choosePolicy` checks: hand-built deployments (design §A.4, P1–P7) first, then 100 generated
 * (deployment, needs) pairs with satisfiable needs, shrunk by fast-check to the smallest deployment
 * that shows a failure. Judged by predicates per need (reference.ts): many policies meet the same needs.
 */
import fc from 'fast-check';
import type { Deployment, Needs } from '../../exercise/index.ts';
import { LawBroken, lawCheckGroup } from '../case-checks.ts';
import type { CheckGroup, CheckInfo } from '../check.ts';
import { statedBy } from '../expectation.ts';
import type { LearnerSession } from '../learner-session.ts';
import { describePolicy, malformedPolicy, MEETS_THE_NEEDS, satisfiable, show, unmetNeed, WAITS_NO_MORE, witnessPolicy, type PolicyQuestion } from './reference.ts';

type PolicyCheck = 'policy-meets-the-needs' | 'policy-waits-no-more';

interface PolicyCase extends PolicyQuestion {
  readonly name: string;
  /** P5–P7 are judged on waiting too; P1–P4 only on meeting the needs. */
  readonly minimal: boolean;
}

function deployment(...sites: string[][]): Deployment {
  let n = 0;
  return { leader: 'n1', members: sites.flatMap(([site, count]) => Array.from({ length: Number(count) }, () => ({ id: `n${++n}`, site: site! }))) };
}
const oneSite = deployment(['east', '3']);
const twoSites = deployment(['east', '2'], ['west', '2']);
const threeSites = deployment(['east', '2'], ['west', '2'], ['north', '1']);
const needs = (survive: Needs['survive'], writableWithout: Needs['writableWithout'], flags: { ackInSite?: boolean; readsSeeAcked?: boolean } = {}): Needs => ({
  survive,
  writableWithout,
  ackInSite: flags.ackInSite ?? false,
  readsSeeAcked: flags.readsSeeAcked ?? false,
});

export const POLICY_CASES: readonly PolicyCase[] = [
  { name: 'P1: one site, survive losing the leader', deployment: oneSite, needs: needs('leader', 'nothing'), minimal: false },
  { name: 'P2: one site, survive losing the leader, stay writable with a follower down', deployment: oneSite, needs: needs('leader', 'one-follower'), minimal: false },
  { name: 'P3: three sites, survive losing the leader\'s site, stay writable with a remote site down', deployment: threeSites, needs: needs('leader-site', 'one-remote-site'), minimal: false },
  { name: 'P4: two sites, survive losing the leader, writable with a follower down, acknowledge within the site', deployment: twoSites, needs: needs('leader', 'one-follower', { ackInSite: true }), minimal: false },
  { name: 'P5: one site, nothing needed', deployment: oneSite, needs: needs('nothing', 'nothing'), minimal: true },
  { name: 'P6: three sites, survive losing the leader\'s site', deployment: threeSites, needs: needs('leader-site', 'nothing'), minimal: true },
  { name: 'P7: one site, reads on any follower see acknowledged writes', deployment: oneSite, needs: needs('nothing', 'nothing', { readsSeeAcked: true }), minimal: true },
];

const SITES = ['east', 'west', 'north'];

/** 3–6 members over 1–3 sites, any member leading, needs kept only when some policy meets them. */
export const policyQuestionArbitrary: fc.Arbitrary<PolicyQuestion> = fc
  .record({
    sites: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 3, maxLength: 6 }),
    leader: fc.nat(5),
    needs: fc.record({
      survive: fc.constantFrom<Needs['survive']>('nothing', 'leader', 'leader-site'),
      writableWithout: fc.constantFrom<Needs['writableWithout']>('nothing', 'one-follower', 'one-remote-site'),
      ackInSite: fc.boolean(),
      readsSeeAcked: fc.boolean(),
    }),
  })
  .map(({ sites, leader, needs: n }): PolicyQuestion => ({
    deployment: { leader: `n${(leader % sites.length) + 1}`, members: sites.map((s, i) => ({ id: `n${i + 1}`, site: SITES[s]! })) },
    needs: n,
  }))
  .filter(satisfiable);

export const GENERATED_PAIRS = 100;
const LAW_SEED = 2_001;

const CHECKS: readonly (CheckInfo & { id: PolicyCheck })[] = [
  { id: 'policy-meets-the-needs', title: 'The chosen policy meets every stated need', weight: 2 },
  { id: 'policy-waits-no-more', title: 'The chosen policy meets the needs, waiting no more than they require', weight: 1 },
];

export function describeQuestion(q: PolicyQuestion): string[] {
  const sites = [...new Set(q.deployment.members.map((m) => m.site))].map((s) => `${s}: ${q.deployment.members.filter((m) => m.site === s).map((m) => m.id).join(', ')}`);
  const n = q.needs;
  return [
    `deployment: leader ${q.deployment.leader}; ${sites.join('; ')}`,
    `needs: survive ${n.survive}, writable without ${n.writableWithout}, ackInSite ${n.ackInSite}, readsSeeAcked ${n.readsSeeAcked}`,
  ];
}

/** Asks one question and throws `LawBroken` when the answer fails it. */
async function judgeOne(session: LearnerSession, q: PolicyQuestion, minimal: boolean, key: string, name?: string): Promise<void> {
  const outcome = await session.ask('choosePolicy', [q.deployment, q.needs], { now: 0, key, freezeArgs: true });
  if (!outcome.ok) throw new LawBroken(outcome.problem, session.problem());
  const set = minimal ? WAITS_NO_MORE : MEETS_THE_NEEDS;
  const where = [name ? `${name}:` : 'for', ...describeQuestion(q)].join(' ');
  const bad = malformedPolicy(q, outcome.value);
  const unmet = bad === undefined ? unmetNeed(q, outcome.value as Parameters<typeof describePolicy>[0], minimal) : undefined;
  if (bad === undefined && unmet === undefined) return;
  const message = bad !== undefined ? `${where} — ${bad}` : `${where} — choosePolicy chose ${describePolicy(outcome.value as Parameters<typeof describePolicy>[0])}, which fails "${unmet!.need}": ${unmet!.why}`;
  throw new LawBroken(message, undefined, statedBy(set, q, outcome.value, [witnessPolicy(q)]));
}

function law(check: PolicyCheck) {
  const minimalFor = (c: PolicyCase): boolean => check === 'policy-waits-no-more' && c.minimal;
  return async (session: LearnerSession): Promise<void> => {
    const cases = POLICY_CASES.filter((c) => check === 'policy-meets-the-needs' || c.minimal);
    for (const [i, c] of cases.entries()) await judgeOne(session, c, minimalFor(c), `case:${i}`, c.name);
    let n = 0;
    const details = await fc.check(
      fc.asyncProperty(policyQuestionArbitrary, async (q) => {
        await judgeOne(session, q, check === 'policy-waits-no-more', `law:${n++}`);
      }),
      { seed: LAW_SEED, numRuns: GENERATED_PAIRS, endOnFailure: false },
    );
    if (!details.failed) return;
    const e = details.errorInstance;
    if (!(e instanceof LawBroken)) throw new LawBroken(String(e));
    const steps = `(the smallest deployment found: fast-check shrank it in ${details.numShrinks} step${details.numShrinks === 1 ? '' : 's'})`;
    throw new LawBroken(`${e.message} ${steps}`, e.problem, e.expected);
  };
}

export const policyChecks: CheckGroup = lawCheckGroup<PolicyCheck>({
  checks: CHECKS,
  laws: { 'policy-meets-the-needs': law('policy-meets-the-needs'), 'policy-waits-no-more': law('policy-waits-no-more') },
  numRuns: GENERATED_PAIRS,
  inputsNoun: 'deployments',
  acceptableSets: [MEETS_THE_NEEDS, WAITS_NO_MORE],
});

