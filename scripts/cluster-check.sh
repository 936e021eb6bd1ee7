#!/usr/bin/env bash
# Opt-in check of docs/cluster.md (not run by CI or npm test): runs a small
# experiment as a Slurm job array on a one-node Slurm on this machine and
# with GNU parallel, and compares `lockstep summarize` of the shards, byte
# for byte, with `lockstep sweep --summary` of the whole.
#
# Installs Debian's slurm-wlm, munge and parallel with apt-get when they are
# missing (as root, or through sudo). Starts munged (unless it runs),
# slurmctld and slurmd with a one-node slurm.conf in a scratch directory,
# and stops what it started. Prints OK, or what failed (exit 1).
#
#   bash scripts/cluster-check.sh            # 4 shards of a 200-run sweep
#   KEEP=1 bash scripts/cluster-check.sh     # keep the scratch directory
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARDS=4
# Two arms (a clustered and a dense pane of 30 firms), 2 values, 50 seeds:
# 200 runs, as the page's "Run it at scale" box states an experiment.
LINK='http://localhost:8080/#v=1&view=compare&n=30&net=pp&deg=6&p2.n=30&p2.net=er&x.arms=panes&x.p=eps&x.v=0.05,0.1&x.seeds=50&x.cap=100'

say() { echo "cluster-check: $*"; }
die() { say "FAILED: $*"; exit 1; }

if [ "$(id -u)" = 0 ]; then SUDO=(); elif command -v sudo >/dev/null; then SUDO=(sudo); else
  die "installing and starting Slurm needs root or sudo"
fi
as_root() { "${SUDO[@]}" "$@"; }

# 1. What is missing, from Debian.
missing=()
for tool in sbatch:slurm-wlm slurmctld:slurm-wlm slurmd:slurm-wlm munged:munge parallel:parallel; do
  command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  pkgs=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
  say "installing $pkgs"
  as_root apt-get update -qq || die "apt-get update"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $pkgs >/dev/null \
    || die "apt-get install $pkgs"
fi

# 2. The binary.
say "building lockstep"
cargo build --quiet --release --bin lockstep || die "cargo build"
export L="$ROOT/target/release/lockstep"
export LINK

WORK=$(mktemp -d /tmp/lockstep-cluster.XXXXXX)
chmod 755 "$WORK"
STARTED_MUNGE=""
cleanup() {
  if [ -f "$WORK/slurmctld.pid" ] || [ -f "$WORK/slurmd.pid" ]; then
    as_root env SLURM_CONF="$WORK/slurm.conf" scontrol shutdown >/dev/null 2>&1
    for pidfile in "$WORK/slurmctld.pid" "$WORK/slurmd.pid"; do
      [ -f "$pidfile" ] || continue
      pid=$(cat "$pidfile")
      for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      as_root kill "$pid" 2>/dev/null
    done
  fi
  if [ -n "$STARTED_MUNGE" ]; then as_root kill "$STARTED_MUNGE" 2>/dev/null; fi
  if [ -z "${KEEP:-}" ]; then rm -rf "$WORK"; else say "kept $WORK"; fi
}
trap cleanup EXIT

# The reference: the whole experiment summarized at once.
"$L" sweep --url "$LINK" --summary > "$WORK/whole.csv" || die "sweep --summary"
RUNS=$(( $("$L" sweep --url "$LINK" | wc -l) - 1 ))
say "the whole sweep: $RUNS runs"

# Compares summarize of the parts (given in a shuffled order) with the whole.
compare() { # name, files...
  local name=$1; shift
  "$L" summarize "$@" > "$WORK/$name-summary.csv" || return 1
  cmp -s "$WORK/$name-summary.csv" "$WORK/whole.csv" || {
    diff "$WORK/whole.csv" "$WORK/$name-summary.csv" | head -20
    return 1
  }
}
shuffled() { # prefix: the part files, last first
  local i
  for i in $(seq "$SHARDS" -1 1); do echo "$WORK/$1-$i.csv"; done
}

# 3. Slurm: one node, this machine.
slurm_check() {
  local host cpus
  host=$(hostname -s)
  cpus=$(nproc)
  # Munge: a key, and the daemon (as the munge user).
  if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    if [ ! -s /etc/munge/munge.key ]; then
      as_root mungekey --create --keyfile=/etc/munge/munge.key 2>/dev/null \
        || as_root sh -c 'dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null'
      as_root chown munge:munge /etc/munge/munge.key
      as_root chmod 400 /etc/munge/munge.key
    fi
    as_root mkdir -p /run/munge /var/log/munge /var/lib/munge
    as_root chown munge:munge /run/munge /var/log/munge /var/lib/munge
    if [ -n "${SUDO[*]}" ]; then as_root -u munge /usr/sbin/munged || return 1
    else runuser -u munge -- /usr/sbin/munged || { echo "munged would not start"; return 1; }; fi
    for _ in $(seq 20); do [ -s /run/munge/munged.pid ] && break; sleep 0.2; done
    STARTED_MUNGE=$(cat /run/munge/munged.pid 2>/dev/null)
    munge -n | unmunge >/dev/null || { echo "munge does not answer"; return 1; }
  fi
  mkdir -p "$WORK/state" "$WORK/spool"
  cat > "$WORK/slurm.conf" <<EOF
ClusterName=lockstep-check
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=6817
SlurmdPort=6818
AuthType=auth/munge
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/slurmctld.pid
SlurmdPidFile=$WORK/slurmd.pid
SlurmctldLogFile=$WORK/slurmctld.log
SlurmdLogFile=$WORK/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$WORK/jobcomp.txt
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=check Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
  export SLURM_CONF="$WORK/slurm.conf"
  as_root slurmctld -f "$SLURM_CONF" -i || { tail -5 "$WORK/slurmctld.log"; return 1; }
  as_root slurmd -f "$SLURM_CONF" || { tail -5 "$WORK/slurmd.log"; return 1; }
  local state=""
  for _ in $(seq 60); do
    state=$(sinfo -h -n "$host" -o %T 2>/dev/null)
    [ "$state" = idle ] && break
    sleep 1
  done
  [ "$state" = idle ] || {
    echo "the node is '${state:-not known}', not idle, after 60 s"
    tail -5 "$WORK/slurmctld.log" "$WORK/slurmd.log" 2>/dev/null
    return 1
  }
  # The job array of docs/cluster.md, at the size of this check.
  cat > "$WORK/sweep.sbatch" <<EOF
#!/bin/bash
#SBATCH --job-name=lockstep
#SBATCH --array=1-$SHARDS
#SBATCH --cpus-per-task=1
#SBATCH --output=$WORK/slurm-%A_%a.out
#SBATCH --chdir=$WORK
N=$SHARDS
export RAYON_NUM_THREADS=\$SLURM_CPUS_PER_TASK
"\$L" sweep --url "\$LINK" --shard \$SLURM_ARRAY_TASK_ID/\$N > slurm-part-\$SLURM_ARRAY_TASK_ID.csv
EOF
  local job
  job=$(sbatch --parsable --export=ALL "$WORK/sweep.sbatch") || return 1
  say "submitted job array $job ($SHARDS tasks)"
  local left=1
  for _ in $(seq 300); do
    left=$(squeue -h -j "$job" 2>/dev/null | wc -l)
    [ "$left" = 0 ] && break
    sleep 1
  done
  [ "$left" = 0 ] || { echo "the job array still runs after 300 s"; squeue; return 1; }
  # Every task completed with exit code 0 (the job completion log).
  local done
  done=$(grep -c "JobState=COMPLETED .*ExitCode=0:0" "$WORK/jobcomp.txt" 2>/dev/null)
  if [ "${done:-0}" != "$SHARDS" ]; then
    echo "$done of $SHARDS tasks completed:"; cat "$WORK/jobcomp.txt" "$WORK"/slurm-*.out 2>/dev/null | head -20
    return 1
  fi
  # shellcheck disable=SC2046
  compare slurm $(shuffled slurm-part)
}

# 4. GNU parallel, on this machine.
parallel_check() {
  (cd "$WORK" && seq "$SHARDS" | parallel -j 2 --halt now,fail=1 \
    '"$L" sweep --url "$LINK" --shard {}/'"$SHARDS"' > parallel-part-{}.csv') || return 1
  # shellcheck disable=SC2046
  compare parallel $(shuffled parallel-part)
}

# Each check runs in this shell (its daemons are stopped on exit), its
# output kept in a log shown when it fails.
failed=0
if slurm_check > "$WORK/slurm-check.log" 2>&1; then
  grep '^cluster-check:' "$WORK/slurm-check.log"
  say "slurm: $SHARDS array tasks, summarize = sweep --summary: OK"
else
  failed=1; say "slurm: FAILED"; sed 's/^/  /' "$WORK/slurm-check.log"
fi
if parallel_check > "$WORK/parallel-check.log" 2>&1; then
  say "GNU parallel: $SHARDS shards, summarize = sweep --summary: OK"
else
  failed=1; say "GNU parallel: FAILED"; sed 's/^/  /' "$WORK/parallel-check.log"
fi
if [ $failed = 0 ]; then
  echo "OK"
else
  echo "FAILED"
  exit 1
fi
