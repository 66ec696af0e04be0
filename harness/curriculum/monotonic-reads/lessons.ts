/**
 * Design §E.7's placement lesson, information only and without runs: which users a change of read
 * followers re-homes under `hash(user) % n` and under rendezvous hashing, the proxy's assignment.
 */
import { rendezvousHome } from '../../cluster/index.ts';
import type { PassedNotes } from '../scenario-checks.ts';
import type { JudgedMonotonicRun, MonotonicProperty } from './cluster-checks.ts';
import { READ_FOLLOWERS } from './scenarios.ts';

const USERS = Array.from({ length: 60 }, (_, i) => `u${i + 1}`);

function modHome(user: string, followers: readonly string[]): string {
  let h = 0;
  for (let i = 0; i < user.length; i++) h = (h * 31 + user.charCodeAt(i)) >>> 0;
  return followers[h % followers.length]!;
}

const moved = (home: (u: string, f: readonly string[]) => string | undefined, before: readonly string[], after: readonly string[]): number => USERS.filter((u) => home(u, before) !== home(u, after)).length;

export function placementLesson(): PassedNotes<MonotonicProperty, JudgedMonotonicRun> {
  return {
    observe() {},
    async finish(allPassed) {
      if (!allPassed) return () => [];
      const without = READ_FOLLOWERS.slice(1);
      const more = [...READ_FOLLOWERS, 'n7'];
      const lesson = `lesson (information, not a failure): of ${USERS.length} users on ${READ_FOLLOWERS.join(', ')}, decommissioning ${READ_FOLLOWERS[0]} re-homes ${moved(modHome, READ_FOLLOWERS, without)} under hash(user) % n and ${moved(rendezvousHome, READ_FOLLOWERS, without)} under rendezvous hashing; adding n7 re-homes ${moved(modHome, READ_FOLLOWERS, more)} and ${moved(rendezvousHome, READ_FOLLOWERS, more)}. Every re-homed user's next read meets a follower that may be behind what they saw, which acceptsReply must refuse`;
      return (check) => (check.properties.includes('stays-home') ? [lesson] : []);
    },
  };
}
