// The bookworm-slim root `npm run blender:roots` builds: Debian's Blender 3.4 in a minimal
// root, from which the system-deps test removes libraries to play a slim container (act's).
// Commands run inside it through a private mount namespace, so nothing mounted here outlives
// them or shows on the host.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');
const ROOTS = process.env.BLENDER_ROOTS_DIR ?? '/var/cache/blender-harness/roots';
export const SLIM_ROOT = join(ROOTS, 'bookworm-slim');
const LOCK = join(ROOTS, 'bookworm-slim.lock');

/** Fails (never skips) when the root or the rights to enter it are missing, saying what to do. */
export function requireSlimRoot(): void {
  if (!existsSync(join(SLIM_ROOT, '.complete')) || !existsSync(join(SLIM_ROOT, 'usr/bin/blender'))) {
    throw new Error(
      `No complete bookworm-slim root at ${SLIM_ROOT}: run \`npm run blender:roots\` (as root; it builds it with debootstrap, about 3 minutes).`,
    );
  }
  if (process.getuid?.() !== 0) {
    throw new Error('The system-deps end-to-end test enters a chroot and changes its packages: run it as root (CI does).');
  }
}

// Mounts what a command inside needs, then enters the root. Arguments: root, repo, then the
// command; or --node PATH SCRIPT...: that binary (the root has no Node) is bound to /mnt/node
// and runs SCRIPT.
const ENTER = String.raw`
set -euo pipefail
root=$1 repo=$2; shift 2
node=
if [[ $1 == --node ]]; then node=$2; shift 2; set -- /mnt/node "$@"; fi
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
mount --rbind /sys "$root/sys"
# The runner's files and Blender's profiles live in the host's /tmp.
mount --rbind /tmp "$root/tmp"
case $repo in
  /tmp/*) ;;
  *) mkdir -p "$root$repo"; mount --rbind "$repo" "$root$repo" ;;
esac
if [[ -n $node ]]; then
  # A tmpfs for a mount point, so the root itself is not touched.
  mount -t tmpfs -o size=1m,mode=755 bh-node "$root/mnt"
  : >"$root/mnt/node"
  mount --bind "$node" "$root/mnt/node"
fi
# apt inside resolves the archive's name as the host does.
if [[ -f /etc/resolv.conf && -f $root/etc/resolv.conf ]]; then mount --bind /etc/resolv.conf "$root/etc/resolv.conf"; fi
wd=$PWD; [[ -d $root$wd ]] || wd=/
exec unshare --root="$root" --wd="$wd" -- "$@"
`;

function enter(): string[] {
  return ['unshare', '--mount', '--propagation', 'private', '--', '/bin/bash', '-c', ENTER, 'slim-root', SLIM_ROOT, REPO];
}

/**
 * For ActionRun.wrap, which appends the host's node binary and the step's script: both run
 * inside the root, through the exec chain in the same process, so signals reach node.
 */
export function slimRootWrap(): string[] {
  return [...enter(), '--node'];
}

/** Runs a command inside the root with a clean environment and waits for it. */
export function inSlimRoot(args: string[], timeoutMs = 120_000): { status: number | null; output: string } {
  const [command, ...rest] = enter();
  const r = spawnSync(
    command ?? 'unshare',
    [...rest, '/usr/bin/env', '-i', 'PATH=/usr/sbin:/usr/bin:/sbin:/bin', 'LANG=C.UTF-8', ...args],
    {
      encoding: 'utf8',
      timeout: timeoutMs,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

/**
 * Holds the root's lock (blender-roots.sh takes it before rebuilding the root) until the
 * returned function is called, or this process dies: the lock lives in a `flock` child whose
 * stdin is our pipe.
 */
export async function lockSlimRoot(timeoutS = 600): Promise<() => void> {
  const child = spawn('flock', ['-x', '-w', String(timeoutS), LOCK, '-c', 'echo locked; exec cat >/dev/null'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
  await new Promise<void>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (c: string) => c.includes('locked') && resolve());
    child.on('exit', (code) =>
      reject(
        new Error(
          `Could not lock ${LOCK} within ${timeoutS} s (flock exited ${code}): ${err}another system-deps test or a rebuild of the root holds it.`,
        ),
      ),
    );
    child.on('error', reject);
  });
  return () => child.stdin.end();
}
