/**
 * Home followers by rendezvous hashing (Thaler & Ravishankar 1998), as the monotonic-reads proxy
 * assigns them: each user goes to the follower whose hash with the user is highest, so removing a
 * follower moves only the users it had, and adding one takes only those it wins.
 */

/** FNV-1a, 32 bits: enough to spread a handful of users, and the same everywhere. */
function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** The user's home among `followers` (undefined when there are none). */
export function rendezvousHome(user: string, followers: readonly string[]): string | undefined {
  let best: string | undefined;
  let score = -1;
  for (const f of followers) {
    const s = fnv(`${user}/${f}`);
    if (s > score) [best, score] = [f, s];
  }
  return best;
}
