/**
 * What keeps a learner child away from the network and from the grader's processes, decided once per
 * grading process from what this machine allows:
 *
 * - network: Node's permission model restricts the network from Node 25 on; before that, on Linux, a
 *   fresh network namespace (`unshare -n`, which needs privileges or user namespaces, and which a
 *   container's seccomp profile may refuse: so it is tried, not assumed). Where neither works the
 *   child has the network, and `missing` says so for the run log and `workbook grade`.
 * - user: a grader running as root starts learner children as an unprivileged user (`nobody`), who
 *   can signal nothing of the grader's, whatever route to `kill(2)` learner code finds.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export type NetworkIsolation = 'permission-model' | 'network-namespace' | 'none';

export interface ChildIsolation {
  readonly network: NetworkIsolation;
  /** The user learner children run as; absent: the grader's own (it is not root). */
  readonly user?: { readonly name: string; readonly uid: number; readonly gid: number };
  /** Protections this machine could not give, in plain words; empty when all are in place. */
  readonly missing: readonly string[];
}

/** How to start a learner child's command line (`/bin/sh -c …`) under an isolation. */
export interface IsolatedCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly uid?: number;
  readonly gid?: number;
}

/** `WORKBOOK_LEARNER_USER` names a dedicated user (the Gradescope setup creates one); else `nobody`. */
const UNPRIVILEGED_USER = 'nobody';
let detected: ChildIsolation | undefined;

/** The isolation learner children of this process get (detected on first use, then fixed). */
export function childIsolation(): ChildIsolation {
  detected ??= detectIsolation(process.versions.node, process.platform, process.getuid?.() ?? -1, process.env.WORKBOOK_LEARNER_USER || UNPRIVILEGED_USER);
  return detected;
}

/** `argv` (the child's `/bin/sh -c …` command) wrapped to run under `isolation`. */
export function isolatedCommand(isolation: ChildIsolation, argv: readonly string[]): IsolatedCommand {
  const [command, ...args] = argv as [string, ...string[]];
  if (isolation.network === 'network-namespace') {
    return { command: 'unshare', args: [...unshareFlags(isolation.user), '--', command, ...args] };
  }
  if (isolation.user !== undefined) return { command, args, uid: isolation.user.uid, gid: isolation.user.gid };
  return { command, args };
}

/** Exported for tests: the decision for a given Node version, platform and uid (0: root). */
export function detectIsolation(nodeVersion: string, platform: string, uid: number, userName: string = UNPRIVILEGED_USER): ChildIsolation {
  const missing: string[] = [];
  const user = uid === 0 ? lookUpUser(userName) : undefined;
  if (uid === 0 && user === undefined) missing.push(`no user "${userName}": learner processes run as root`);
  let network: NetworkIsolation = 'none';
  if (Number(nodeVersion.split('.')[0]) >= 25) network = 'permission-model';
  else if (platform === 'linux' && unshareWorks(user)) network = 'network-namespace';
  else {
    missing.push(
      platform === 'linux'
        ? `network: Node ${nodeVersion} does not restrict the network and this machine refuses a network namespace (unshare -n); learner code can open connections`
        : `network: Node ${nodeVersion} does not restrict the network on ${platform}; learner code can open connections`,
    );
  }
  return { network, ...(user !== undefined ? { user } : {}), missing };
}

/** Root enters a namespace directly and drops to the user there; others need a user namespace. */
function unshareFlags(user: ChildIsolation['user']): string[] {
  return user !== undefined ? ['-n', '-S', String(user.uid), '-G', String(user.gid)] : ['-r', '-n'];
}

function unshareWorks(user: ChildIsolation['user']): boolean {
  try {
    const probe = spawnSync('unshare', [...unshareFlags(user), '--', '/bin/sh', '-c', 'exit 0'], { stdio: 'ignore', timeout: 5000 });
    return probe.status === 0;
  } catch {
    return false;
  }
}

function lookUpUser(name: string): ChildIsolation['user'] {
  try {
    for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const [login, , uid, gid] = line.split(':');
      if (login === name && uid !== undefined && gid !== undefined && Number(uid) > 0) return { name, uid: Number(uid), gid: Number(gid) };
    }
  } catch {
    // No passwd file: no such user.
  }
  return undefined;
}

/** One line for run logs and `workbook grade`: what isolates learner processes, and what does not. */
export function describeIsolation(isolation: ChildIsolation): string {
  const net = { 'permission-model': 'no network (permission model)', 'network-namespace': 'no network (own network namespace)', none: 'network NOT restricted' }[isolation.network];
  const who = isolation.user !== undefined ? `runs as ${isolation.user.name} (uid ${isolation.user.uid})` : 'runs as the grader’s user';
  return `${net}; ${who}${isolation.missing.length > 0 ? `; missing: ${isolation.missing.join('; ')}` : ''}`;
}

/**
 * Whether a user other than the owner can read `file`: o+r on it and o+x on every folder above it.
 * A grader running as root starts learner children as `nobody`, who must be able to load the host.
 */
export function othersCanRead(file: string): boolean {
  try {
    if ((statSync(file).mode & 0o004) === 0) return false;
    for (let dir = dirname(file); ; dir = dirname(dir)) {
      if ((statSync(dir).mode & 0o001) === 0) return false;
      if (dirname(dir) === dir) return true;
    }
  } catch {
    return false;
  }
}
