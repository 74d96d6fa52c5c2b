#!/bin/bash
# Builds (or reuses) Debian trixie and sid roots holding Blender 4.3 and 5.2, and writes
# wrappers that run them as if they were ordinary Blender executables on this host. Also a
# minimal bookworm root with Debian's Blender 3.4 (bookworm-slim, no wrapper), from which
# test/system-deps.e2e.test.ts removes X11 libraries to play a slim container, and a copy of
# it that nothing changes (bookworm-nopytest, wrapper blender-bookworm-nopytest): a Blender
# whose Python cannot import pytest, for test/pytest-missing.e2e.test.ts.
# See DESIGN.md, "Testing here".
#
# Usage: scripts/blender-roots.sh [--check] [--rebuild] [SUITE...]
#   (no option)  build missing roots, (re)write the wrappers, smoke-test them
#   --check      only smoke-test the existing wrappers; builds nothing, changes nothing
#   --rebuild    throw the named roots (default: all) away and build them again
#   SUITE        trixie, sid, bookworm-slim and/or bookworm-nopytest (default: all four)
# Environment:
#   BLENDER_ROOTS_DIR  where roots and wrappers live (default /var/cache/blender-harness/roots);
#                      machine-wide and outside any clone, so every clone and CI job shares it
#   DEBIAN_MIRROR      archive to bootstrap from (default: the one the host's apt uses)
# Output ends with one line per wrapper: BLENDER_ROOT <major.minor> <wrapper path>
# (blender-bookworm-nopytest's line says 3.4 too; it is the last).
set -euo pipefail

roots_dir=${BLENDER_ROOTS_DIR:-/var/cache/blender-harness/roots}
bin_dir=$roots_dir/bin
marker=.complete
# GL (libegl1, libgl1, Mesa's drivers): GUI mode and EEVEE; 5.2 exits without libEGL.
# python3-pytest: authors' tests may use pytest.skip/pytest.fail, tested on every line.
# tmux: a daemon that tests start to escape the cleanup check (test/process-tracking.e2e.test.ts).
# python3-pip-whl: the pip wheel ensurepip carries, which the harness runs pip from when
# Blender's Python has no pip module (test/packages.e2e.test.ts), as official builds carry it.
# python3-coverage: coverage.py for --coverage (test/coverage.e2e.test.ts).
packages=(blender python3-cattr python3-requests python3-pytest xvfb xauth libegl1 libgl1 libgl1-mesa-dri tmux python3-pip-whl python3-coverage)

die() { echo "blender-roots: error: $*" >&2; exit 1; }
say() { echo "blender-roots: $*" >&2; }

usage() { sed -n '/^# Usage:/,/^[^#]/{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; }

mode=build
suites=()
for arg; do
  case $arg in
    --check) mode=check ;;
    --rebuild) mode=rebuild ;;
    -h|--help) usage; exit 0 ;;
    trixie|sid|bookworm-slim|bookworm-nopytest) suites+=("$arg") ;;
    *) usage >&2; die "unknown argument: $arg" ;;
  esac
done
[[ ${#suites[@]} -gt 0 ]] || suites=(trixie sid bookworm-slim bookworm-nopytest)

# The Debian release a root is bootstrapped from, and what goes into it.
dist_of() { case $1 in bookworm-*) echo bookworm ;; *) echo "$1" ;; esac; }
packages_of() {
  # Only Blender: the system-deps test removes some of its libraries and expects apt to bring
  # them back; and bookworm-nopytest's point is a Python without pytest (nor pip: only the
  # wheel, from which the harness installs pytest there).
  case $1 in bookworm-nopytest) echo blender python3-pip-whl ;; bookworm-*) echo blender ;; *) echo "${packages[@]}" ;; esac
}
# bookworm-nopytest is a copy of bookworm-slim taken while no test changes it (seconds, where
# a bootstrap takes minutes); bootstrapped only when there is no bookworm-slim to copy.
nopytest_wrapper=blender-bookworm-nopytest
# The system-deps test changes bookworm-slim's packages; it holds this lock while it does,
# and a rebuild of that root waits for it.
slim_lock=$roots_dir/bookworm-slim.lock

# --- smoke test ---------------------------------------------------------------------------

# Prints "<wrapper> <major.minor> <python version>" or fails with what Blender said.
smoke_test() {
  local wrapper=$1 out
  if ! out=$("$wrapper" -b --factory-startup --python-exit-code 1 --python-expr \
      'import sys, bpy; print("ROOT_SMOKE", "%d.%d" % bpy.app.version[:2], sys.version.split()[0])' 2>&1 </dev/null); then
    printf '%s\n' "$out" | tail -n 20 >&2
    return 1
  fi
  out=$(printf '%s\n' "$out" | sed -n 's/^ROOT_SMOKE //p')
  [[ -n $out ]] || { say "$wrapper ran but printed no version"; return 1; }
  echo "$wrapper $out"
}

# Fails unless the wrapper's Blender starts headless and its Python cannot find pytest.
no_pytest_check() {
  local wrapper=$1 out
  out=$("$wrapper" -b --factory-startup --python-exit-code 1 --python-expr \
      'import importlib.util, sys; print("ROOT_PYTEST", "found" if importlib.util.find_spec("pytest") else "missing", sys.executable)' 2>&1 </dev/null) \
    || { printf '%s\n' "$out" | tail -n 20 >&2; return 1; }
  out=$(printf '%s\n' "$out" | sed -n 's/^ROOT_PYTEST //p')
  [[ $out == missing* ]] || { say "$wrapper: its Blender's Python finds pytest (${out:-no answer}); this root must not have it"; return 1; }
}

report() { # wrapper major.minor
  echo "BLENDER_ROOT $2 $1"
}

if [[ $mode == check ]]; then
  failed=0
  for suite in "${suites[@]}"; do
    wrapper=$bin_dir/blender-$suite
    if [[ ! -f $roots_dir/$suite/$marker ]]; then
      say "$suite: no complete root at $roots_dir/$suite (run scripts/blender-roots.sh)"; failed=1; continue
    fi
    if [[ $suite == bookworm-slim ]]; then
      # No wrapper, and starting its Blender needs a chroot (root) and may fail on purpose:
      # the system-deps test leaves some of its libraries removed.
      if [[ -x $roots_dir/$suite/usr/bin/blender ]]; then
        say "$suite: complete ($(grep '^blender=' "$roots_dir/$suite/$marker"))"
      else
        say "$suite: $roots_dir/$suite has no /usr/bin/blender (run scripts/blender-roots.sh --rebuild bookworm-slim)"; failed=1
      fi
      continue
    fi
    [[ $suite != bookworm-nopytest ]] || wrapper=$bin_dir/$nopytest_wrapper
    if [[ ! -x $wrapper ]]; then
      say "$suite: no wrapper at $wrapper (run scripts/blender-roots.sh)"; failed=1; continue
    fi
    if line=$(smoke_test "$(readlink -f "$wrapper")"); then
      read -r path version python <<<"$line"
      if [[ $suite == bookworm-nopytest ]]; then
        no_pytest_check "$path" || { failed=1; continue; }
        python="$python, no pytest"
      fi
      say "$suite: $path works (Blender $version, Python $python)"
      report "$path" "$version"
    else
      say "$suite: $wrapper does not start Blender"; failed=1
    fi
  done
  exit $failed
fi

# --- preflight ----------------------------------------------------------------------------

[[ $EUID -eq 0 ]] || die "building roots needs root (debootstrap, chroot, mounts); run with sudo"
for tool in debootstrap:debootstrap wget:wget unshare:util-linux mount:mount chroot:coreutils \
            flock:util-linux findmnt:util-linux; do
  command -v "${tool%%:*}" >/dev/null || die "${tool%%:*} not found: apt-get install ${tool#*:}"
done
unshare --mount --propagation private true 2>/dev/null \
  || die "cannot create a mount namespace here (unshare --mount failed); the wrappers need it"

host_mirror() { # the first plain Debian archive in the host's apt sources
  grep -hv '^[[:space:]]*#' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
      /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | grep -oE '(https?|ftp)://[^[:space:]]+' | grep -E '/debian/?$' | head -n 1 || true
}
mirror=${DEBIAN_MIRROR:-$(host_mirror)}
[[ -n $mirror ]] || die "no Debian mirror found in /etc/apt/sources.list*; set DEBIAN_MIRROR"
mirror=${mirror%/}

mkdir -p "$roots_dir" "$bin_dir"
# One builder at a time per machine: two CI jobs must not debootstrap into the same root.
exec 9>"$roots_dir/.lock"
flock -n 9 || { say "another blender-roots.sh is running; waiting for it"; flock 9; }

# --- building -----------------------------------------------------------------------------

# Unmounts anything left mounted inside $1 by an interrupted build, then deletes it without
# ever crossing into another filesystem (a stale /proc or /sys bind must not be "deleted").
remove_root() {
  local dir=$1 target
  [[ -e $dir ]] || return 0
  while read -r target; do
    if [[ $target == "$dir"/* ]]; then umount -R -l "$target" 2>/dev/null || true; fi
  done < <(findmnt -rn -o TARGET | sort -r)
  rm -rf --one-file-system "$dir"
}

# Runs a command inside the root during the build, with the kernel filesystems it expects.
# The private mount namespace makes those mounts vanish with the command, even if killed.
in_root() {
  local dir=$1; shift
  # shellcheck disable=SC2016 # expanded by the inner bash
  unshare --mount --propagation private -- /bin/bash -euc '
    dir=$1; shift
    mount -t proc proc "$dir/proc"
    mount --rbind /sys "$dir/sys"
    mount --rbind /dev "$dir/dev"
    exec chroot "$dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
      DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 "$@"' in_root "$dir" "$@"
}

# Packages added to the list after a root was built are installed into it, so an existing
# root never needs a rebuild to catch up.
ensure_packages() {
  local suite=$1 dir=$roots_dir/$1 pkg missing=()
  for pkg in $(packages_of "$suite"); do
    dpkg-query --admindir="$dir/var/lib/dpkg" -W -f '${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' \
      || missing+=("$pkg")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  say "$suite: installing ${missing[*]} into the existing root"
  in_root "$dir" apt-get update >/dev/null
  in_root "$dir" apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
  in_root "$dir" apt-get clean
}

# Small repairs that are cheap and idempotent, so they also reach roots built earlier.
fix_root() {
  local dir=$1
  # minbase leaves no /etc/mtab; Blender then warns "could not get a list of mounted
  # file-systems" on every start.
  [[ -e $dir/etc/mtab || -L $dir/etc/mtab ]] || ln -s ../proc/self/mounts "$dir/etc/mtab"
}

build_root() {
  local suite=$1 dir=$roots_dir/$1 version
  say "$suite: building $dir from $mirror (log: $roots_dir/$suite.log)"
  remove_root "$dir"
  # debootstrap mounts /proc and /sys in the target itself; its own namespace keeps them
  # from outliving it.
  unshare --mount --propagation private -- \
    debootstrap --variant=minbase "$(dist_of "$suite")" "$dir" "$mirror"
  # Daemons pulled in by dependencies must not start inside the root.
  printf '#!/bin/sh\nexit 101\n' >"$dir/usr/sbin/policy-rc.d"
  chmod 755 "$dir/usr/sbin/policy-rc.d"
  # The archive we reach may be a frozen mirror whose Release files have expired.
  echo 'Acquire::Check-Valid-Until "false";' >"$dir/etc/apt/apt.conf.d/99no-check-valid-until"
  in_root "$dir" apt-get update
  # shellcheck disable=SC2046 # package names, split on purpose
  in_root "$dir" apt-get install -y --no-install-recommends $(packages_of "$suite")
  in_root "$dir" apt-get clean
  in_root "$dir" /usr/bin/blender --version >/dev/null
  version=$(dpkg-query --admindir="$dir/var/lib/dpkg" -W -f '${Version}' blender)
  printf 'suite=%s\nblender=%s\nmirror=%s\nbuilt=%s\n' \
    "$suite" "$version" "$mirror" "$(date -u +%FT%TZ)" >"$dir/$marker"
  say "$suite: done, blender $version"
}

# bookworm-nopytest from bookworm-slim: copied aside under the system-deps test's lock (it
# changes bookworm-slim's packages), then repaired should that test have left libraries out.
clone_nopytest() {
  local dir=$roots_dir/bookworm-nopytest slim=$roots_dir/bookworm-slim version
  local tmp=$dir.partial
  SECONDS=0
  say "bookworm-nopytest: copying $slim"
  remove_root "$dir"; remove_root "$tmp"
  (
    exec 7>"$slim_lock"
    # This script may hold the lock already (on fd 8, after building bookworm-slim); a second
    # open file description would then wait for itself.
    if [[ $slim_locked != 1 ]]; then
      flock -n 7 || { say "bookworm-slim: the system-deps test is using it; waiting"; flock 7; }
    fi
    cp -a --reflink=auto "$slim" "$tmp"
  )
  say "bookworm-nopytest: copied in ${SECONDS}s"
  rm -f "$tmp/$marker"
  if ! in_root "$tmp" /usr/bin/blender --version >/dev/null 2>&1; then
    say "bookworm-nopytest: the copy's Blender does not start (the system-deps test's doing); reinstalling what it lacks"
    in_root "$tmp" dpkg --configure -a
    in_root "$tmp" apt-get update
    in_root "$tmp" apt-get install -f -y --no-install-recommends
    in_root "$tmp" apt-get clean
    in_root "$tmp" /usr/bin/blender --version >/dev/null
  fi
  if in_root "$tmp" /usr/bin/python3 -c 'import pytest' 2>/dev/null; then
    die "bookworm-nopytest: pytest is importable in the copy of bookworm-slim; that root must not have it"
  fi
  version=$(dpkg-query --admindir="$tmp/var/lib/dpkg" -W -f '${Version}' blender)
  printf 'suite=%s\nblender=%s\ncopied-from=%s\nbuilt=%s\n' \
    bookworm-nopytest "$version" "$slim" "$(date -u +%FT%TZ)" >"$tmp/$marker"
  mv "$tmp" "$dir"
  say "bookworm-nopytest: done in ${SECONDS}s, blender $version"
}

slim_locked=0
to_build=()
clone=0
for suite in "${suites[@]}"; do
  dir=$roots_dir/$suite
  if [[ $mode == rebuild || ! -f $dir/$marker ]]; then
    [[ -e $dir && ! -f $dir/$marker ]] && say "$suite: $dir is incomplete, rebuilding it"
    wget -q -T 20 -t 2 -O /dev/null "$mirror/dists/$(dist_of "$suite")/InRelease" \
      || die "cannot reach $mirror/dists/$(dist_of "$suite")/InRelease (no network to the Debian archive?)"
    if [[ $suite == bookworm-nopytest ]] && { [[ -f $roots_dir/bookworm-slim/$marker ]] \
        || [[ " ${to_build[*]} " == *" bookworm-slim "* ]]; }; then
      clone=1 # after bookworm-slim is built, if it is
    else
      to_build+=("$suite")
    fi
  else
    say "$suite: reusing $dir ($(grep '^blender=' "$dir/$marker"))"
  fi
done

# The builds wait mostly on the network, so two at once are faster even on two cores.
pids=()
for suite in "${to_build[@]}"; do
  if [[ $suite == bookworm-slim ]]; then # held until this script exits
    exec 8>"$slim_lock"
    flock -n 8 || { say "$suite: the system-deps test is using it; waiting"; flock 8; }
    slim_locked=1
  fi
  build_root "$suite" >"$roots_dir/$suite.log" 2>&1 &
  pids+=($!)
done
broken=()
for i in "${!pids[@]}"; do
  if ! wait "${pids[$i]}"; then
    broken+=("${to_build[$i]}")
    say "${to_build[$i]}: build FAILED; last lines of $roots_dir/${to_build[$i]}.log:"
    tail -n 25 "$roots_dir/${to_build[$i]}.log" >&2
  fi
done
[[ ${#broken[@]} -eq 0 ]] || die "could not build: ${broken[*]} (an incomplete root is rebuilt on the next run)"
if [[ $clone == 1 ]]; then
  # In the background like the builds above, so that set -e holds inside it.
  clone_nopytest >"$roots_dir/bookworm-nopytest.log" 2>&1 &
  wait $! || {
    say "bookworm-nopytest: copy FAILED; last lines of $roots_dir/bookworm-nopytest.log:"
    tail -n 25 "$roots_dir/bookworm-nopytest.log" >&2
    die "could not build: bookworm-nopytest (an incomplete root is rebuilt on the next run)"
  }
fi

# --- wrappers -----------------------------------------------------------------------------

write_wrapper() { # suite path
  local suite=$1 path=$2 root=$roots_dir/$1
  cat >"$path.new" <<EOF
#!/bin/bash
# Debian $suite's Blender, run from $root as if installed on this host.
# Written by scripts/blender-roots.sh (regenerated on each run; do not edit).
set -euo pipefail
root=$(printf %q "$root")
self=$(printf %q "$path")
EOF
  cat >>"$path.new" <<'EOF'

if [[ -z ${_BLENDER_ROOT_NS:-} ]]; then
  # A private mount namespace, so the binds below vanish with Blender instead of piling up
  # on the host. No --fork and no PID namespace: through the exec chain this very PID
  # becomes Blender, so the caller's signals, pipes, environment and exit status reach it.
  # Without root, a user namespace gives us the right to mount (files stay the caller's).
  userns=(); [[ $EUID -eq 0 ]] || userns=(--map-root-user)
  _BLENDER_ROOT_NS=1 exec unshare "${userns[@]}" --mount --propagation private -- /bin/bash "$self" "$@"
fi
unset _BLENDER_ROOT_NS

bound=()
bind() { # Make host directory $1 appear at the same path inside the root.
  local d=$1 b
  [[ -d $d ]] || return 0
  for b in "${bound[@]}"; do [[ $d == "$b" || $d == "$b"/* ]] && return 0; done
  # Without root the root's tree is read-only to us: a path with no mount point stays unshared.
  mkdir -p "$root$d" 2>/dev/null || { echo "blender-root: cannot share $d" >&2; return 0; }
  mount --rbind "$d" "$root$d"
  bound+=("$d")
}

# The kernel's views and the places callers put files. /run carries XDG_RUNTIME_DIR and
# /tmp the X11 sockets of an xvfb-run on the host.
for d in /proc /sys /dev /run /tmp /var/tmp /root /home; do bind "$d"; done

# Every other absolute path the caller hands over (cwd, HOME, TMPDIR, BLENDER_* variables,
# arguments, also as --opt=/path) gets its top-level directory shared, so the add-on and
# files next to it are visible. System trees stay the root's own: that is the point of the root.
paths=("$PWD" "${HOME:-}" "${TMPDIR:-}" "${XAUTHORITY:-}")
for name in $(compgen -e); do [[ $name != BLENDER_* ]] || paths+=("${!name}"); done
for p in "${paths[@]}" "$@"; do
  [[ $p == /* || $p != *=/* ]] || p=/${p#*=/}
  [[ $p == /?* ]] || continue
  top=${p#/}; top=/${top%%/*}
  case $top in
    /|/usr|/etc|/var|/bin|/sbin|/lib|/lib32|/lib64|/libx32|/boot|/proc|/sys|/dev|/run) ;;
    *) bind "$top" ;;
  esac
done

# Name resolution as on the host.
for f in /etc/resolv.conf /etc/hosts; do
  [[ -f $f && -f $root$f ]] && mount --bind "$f" "$root$f"
done

wd=$PWD; [[ -d $root$wd ]] || wd=/
exec unshare --root="$root" --wd="$wd" -- /usr/bin/blender "$@"
EOF
  chmod 755 "$path.new"
  # Renamed into place: a Blender starting right now has bash reading the old file as it goes.
  mv -f "$path.new" "$path"
}

if [[ -f $roots_dir/bookworm-slim/$marker ]]; then fix_root "$roots_dir/bookworm-slim"; fi
nopytest=
if [[ -f $roots_dir/bookworm-nopytest/$marker ]]; then
  fix_root "$roots_dir/bookworm-nopytest"
  [[ $mode == check ]] || ensure_packages bookworm-nopytest
  nopytest=$bin_dir/$nopytest_wrapper
  write_wrapper bookworm-nopytest "$nopytest"
fi
declare -A by_version=()
for suite in trixie sid; do
  [[ -f $roots_dir/$suite/$marker ]] || continue
  fix_root "$roots_dir/$suite"
  [[ $mode == check ]] || ensure_packages "$suite"
  version=$(sed -n 's/^blender=\([0-9]*\.[0-9]*\).*/\1/p' "$roots_dir/$suite/$marker")
  [[ -n $version ]] || die "$roots_dir/$suite/$marker names no blender version"
  [[ -z ${by_version[$version]:-} ]] \
    || say "warning: trixie and sid both have Blender $version; blender-$version is sid's"
  by_version[$version]=$suite
done
# Wrappers named after versions that no longer exist (after a rebuild) must go.
for old in "$bin_dir"/blender-*; do
  [[ -e $old || -L $old ]] || continue
  name=${old##*/blender-}
  [[ -n ${by_version[$name]:-} || $name == trixie || $name == sid ]] || [[ $old == "$nopytest" ]] || rm -f "$old"
done
for version in "${!by_version[@]}"; do
  suite=${by_version[$version]}
  write_wrapper "$suite" "$bin_dir/blender-$version"
  ln -sfn "blender-$version" "$bin_dir/blender-$suite"
done

# --- smoke test ---------------------------------------------------------------------------

failed=0
lines=()
for version in $(printf '%s\n' "${!by_version[@]}" | sort -V); do
  wrapper=$bin_dir/blender-$version
  if line=$(smoke_test "$wrapper"); then
    read -r _ got python <<<"$line"
    [[ $got == "$version" ]] || say "warning: $wrapper reports Blender $got"
    say "blender-$version -> ${by_version[$version]} root, Python $python: $wrapper"
    lines+=("$(report "$wrapper" "$version")")
  else
    say "$wrapper does not start Blender"; failed=1
  fi
done
if [[ -n $nopytest ]]; then
  if line=$(smoke_test "$nopytest") && no_pytest_check "$nopytest"; then
    read -r _ got python <<<"$line"
    say "$nopytest_wrapper -> bookworm-nopytest root, Blender $got, Python $python without pytest: $nopytest"
    lines+=("$(report "$nopytest" "$got")")
  else
    say "$nopytest does not start Blender, or its Python finds pytest"; failed=1
  fi
fi
say "roots: $roots_dir ($(du -sh --one-file-system "$roots_dir" 2>/dev/null | cut -f1))"
printf '%s\n' "${lines[@]}"
exit $failed
