/**
 * The four quorum-read properties over a run's read and write records. P1 (no stale read) and P2
 * (no invented value) judge what reads returned against the writes; P3 (availability) and P4
 * (repair) judge each read's calls against what a correct reader would have done.
 */
import type { ReadRecord, WriteRecord } from '../../cluster/index.ts';
import { plainVersioned, READER } from '../../cluster/index.ts';
import { satisfied, violated, type EventRef } from '../verdict.ts';
import { describeRead, judgeRead } from './read-judgement.ts';
import type { QuorumVerdict } from './quorum-properties.ts';

/** What the quorum checkers read from a run. */
export interface QuorumRunLike {
  readonly reads: readonly ReadRecord[];
  readonly writes: readonly WriteRecord[];
  /** Strict quorums only: with sloppy quorums, stale reads are information, not failures. */
  readonly sloppy: boolean;
}

interface Returned {
  readonly read: ReadRecord;
  readonly version: number;
  readonly value: unknown;
  readonly endedAt: number;
}

function returnedReads(run: QuorumRunLike): Returned[] {
  const out: Returned[] = [];
  for (const read of run.reads) {
    if (read.outcome?.kind !== 'returned' || read.endedAt === undefined) continue;
    const v = plainVersioned(read.outcome.value);
    if (v !== undefined) out.push({ read, version: v.version, value: v.value, endedAt: read.endedAt });
  }
  return out;
}

/** Every (read, write) pair where the read started after the write's ack yet returned an older version. */
export function staleReads(run: QuorumRunLike): { read: Returned; write: WriteRecord }[] {
  const found: { read: Returned; write: WriteRecord }[] = [];
  for (const read of returnedReads(run)) {
    let worst: WriteRecord | undefined;
    for (const w of run.writes) {
      if (w.key !== read.read.key || w.ackedAt === undefined || !(w.ackedAt < read.read.invokedAt) || w.version <= read.version) continue;
      if (worst === undefined || w.version > worst.version) worst = w;
    }
    if (worst !== undefined) found.push({ read, write: worst });
  }
  return found;
}

/** P1: with r + w > n and strict quorums, no read returns an older version than a write acknowledged before it began. */
export function checkNoStaleRead(run: QuorumRunLike): QuorumVerdict {
  const stale = staleReads(run);
  const config = run.reads[0]?.config;
  const overlapping = config !== undefined && config.r + config.w > config.n;
  if (run.sloppy || !overlapping) {
    const info =
      stale.length === 0
        ? []
        : [
            `${stale.length} of ${returnedReads(run).length} reads returned an older version than a write acknowledged before they began — expected with ${run.sloppy ? 'sloppy quorums' : `r + w ≤ n (${config?.r} + ${config?.w} ≤ ${config?.n})`}: the read and write quorums need not overlap`,
          ];
    return satisfied('no-stale-read', info, { staleReads: stale.length, returnedReads: returnedReads(run).length });
  }
  const first = stale[0];
  if (first === undefined) return satisfied('no-stale-read');
  const { read, write } = first;
  const events: EventRef[] = [
    { t: write.ackedAt!, node: write.client, what: `write ${write.value} (version ${write.version}) acknowledged` },
    { t: read.read.invokedAt, node: READER, what: `${describeRead(read.read)} starts` },
    { t: read.endedAt, node: READER, what: `read returns version ${read.version}` },
  ];
  return violated(
    'no-stale-read',
    `write ${write.value} of ${write.key} (version ${write.version}) was acknowledged to ${write.client} at t=${write.ackedAt} ms by ${write.credited.join(', ')}, but ${describeRead(read.read)}, which started later, returned version ${read.version} at t=${read.endedAt} ms: a stale read.`,
    events,
  );
}

/** P2: a read returns version 0 or the (value, version) of a write invoked before the read resolved. */
export function checkNoInventedValue(run: QuorumRunLike): QuorumVerdict {
  for (const read of returnedReads(run)) {
    if (read.version === 0 && read.value === undefined) continue;
    const write = run.writes.find((w) => w.key === read.read.key && w.version === read.version);
    if (write !== undefined && write.value === read.value && write.invokedAt <= read.endedAt) continue;
    const what = write === undefined ? `no write of ${read.read.key} has version ${read.version}` : `write version ${read.version} of ${read.read.key} holds ${JSON.stringify(write.value)}`;
    return violated(
      'no-invented-value',
      `${describeRead(read.read)} returned ${JSON.stringify(read.value)} at version ${read.version} at t=${read.endedAt} ms, but ${what}: the value was invented.`,
      [{ t: read.endedAt, node: READER, what: 'read returns an invented value' }],
    );
  }
  return satisfied('no-invented-value');
}

/** P3: each read resolves at its r-th reply, or rejects with QuorumError at its (n − r + 1)-th failure. */
export function checkReadAvailability(run: QuorumRunLike): QuorumVerdict {
  for (const read of run.reads) {
    const j = judgeRead(read);
    if (j?.availability === undefined) continue;
    return violated('read-availability', `${describeRead(read)} ${j.availability}; acceptable: ${j.acceptable}.`, [
      { t: read.invokedAt, node: READER, what: 'read starts' },
      { t: j.t, node: READER, what: 'read ends' },
    ]);
  }
  return satisfied('read-availability');
}

/** P4: every replica that replied with an older version before the read resolved is sent repair(id, returned). */
export function checkReadRepair(run: QuorumRunLike): QuorumVerdict {
  for (const read of run.reads) {
    const j = judgeRead(read);
    if (j?.repair === undefined) continue;
    return violated('read-repair', `${describeRead(read)} ${j.repair}.`, [{ t: j.t, node: READER, what: 'read resolves' }]);
  }
  return satisfied('read-repair');
}

/** Every quorum-read checker on `run`, one verdict per property, in the order of `QUORUM_PROPERTIES`. */
export function checkQuorumRun(run: QuorumRunLike): QuorumVerdict[] {
  return [checkNoStaleRead(run), checkNoInventedValue(run), checkReadAvailability(run), checkReadRepair(run)];
}
