#!/usr/bin/env bash
# A single-node SLURM cluster on this machine, to test workflow/profiles/slurm for real
# (tests/workflow/test_slurm_cluster.py):
#
#   tests/slurm/single_node.sh start DIR   configure and start munged (unless it runs), slurmctld and slurmd
#   tests/slurm/single_node.sh stop DIR    stop what `start DIR` started
#
# Installs nothing: it needs root and Debian's slurmctld, slurmd, slurm-client and munge packages (SLURM 22.05
# on bookworm). The cluster lives in DIR (slurm.conf, state, spool, logs, pid files); clients on this machine
# find it with SLURM_CONF=DIR/slurm.conf. `start` with the DIR of a running cluster leaves it alone.
#
# One node (this host with its CPUs and memory), one partition, "single". slurmd runs "configless": it fetches
# slurm.conf from slurmctld and offers it at /run/slurm/conf, where srun inside a job finds it (the executor
# plugin's job step drops SLURM_CONF from srun's environment). No accounting database (slurmdbd): finished jobs
# stay in slurmctld for an hour (MinJobAge), where `squeue --states=all` reports them.
set -euo pipefail

die() { echo "single_node.sh: $*" >&2; exit 1; }

[ $# -eq 2 ] || die "usage: single_node.sh start|stop DIR"
action=$1
mkdir -p "$2"
dir=$(cd "$2" && pwd)
conf=$dir/slurm.conf
export SLURM_CONF=$conf

# alive PIDFILE: the process named in the file runs (a zombie left for the init process to reap does not)
alive() {
    local state
    [ -s "$1" ] && state=$(ps -o stat= -p "$(cat "$1")") && [ "${state:0:1}" != Z ]
}

wait_for() {  # wait_for SECONDS COMMAND...: until the command succeeds
    local deadline=$((SECONDS + $1))
    shift
    until "$@" >/dev/null 2>&1; do
        [ $SECONDS -lt $deadline ] || return 1
        sleep 0.5
    done
}

need_root() {
    [ "$(id -u)" -eq 0 ] || die "run as root: slurmd starts every job as its user"
    local command
    for command in munged munge unmunge mungekey slurmctld slurmd sinfo scontrol; do
        command -v "$command" >/dev/null \
            || die "$command not found: apt-get install slurmctld slurmd slurm-client munge"
    done
}

munge_works() { munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1; }

start_munge() {
    munge_works && return
    if [ ! -s /etc/munge/munge.key ]; then
        mungekey --create --keyfile=/etc/munge/munge.key
        chown munge:munge /etc/munge/munge.key
        chmod 0400 /etc/munge/munge.key
    fi
    install -d -o munge -g munge -m 0755 /run/munge
    runuser -u munge -- /usr/sbin/munged </dev/null >"$dir/log/munged.out" 2>&1
    touch "$dir/munged.started"
    wait_for 10 munge_works || die "munged does not answer: see /var/log/munge/munged.log"
}

write_conf() {
    local host node memory
    host=$(hostname -s)
    # This node as slurmd sees it: NodeName=<host> CPUs=.. Boards=.. SocketsPerBoard=.. CoresPerSocket=..
    # ThreadsPerCore=.. RealMemory=<MB>
    node=$(slurmd -C | head -n 1)
    memory=${node##*RealMemory=}
    memory=${memory%% *}
    # Memory is a consumable resource, so jobs wait for it, and the profile asks for up to 16000 MB a job
    # (topics): a smaller machine declares 16000 (config_overrides: slurmd takes the node as declared).
    if [ "$memory" -lt 16000 ]; then
        node=${node/RealMemory=$memory/RealMemory=16000}
    fi
    cat >"$conf" <<EOF
# Written by tests/slurm/single_node.sh
ClusterName=thematica
SlurmctldHost=$host(127.0.0.1)
SlurmctldParameters=enable_configless
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmdParameters=config_overrides
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
MinJobAge=3600
KillWait=5
$node NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=single Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
}

node_idle() { [ "$(sinfo --noheader --partition single --format %T)" = idle ]; }

start() {
    if alive "$dir/slurmctld.pid" && alive "$dir/slurmd.pid" && munge_works; then
        echo "SLURM already running: SLURM_CONF=$conf"
        return
    fi
    need_root
    mkdir -p "$dir/state" "$dir/spool" "$dir/log"
    start_munge
    [ -s "$conf" ] || write_conf
    if ! alive "$dir/slurmctld.pid"; then
        ! scontrol ping >/dev/null 2>&1 \
            || die "another slurmctld answers on this cluster's port: stop it (single_node.sh stop ITS_DIR)"
        slurmctld -f "$conf" </dev/null >"$dir/log/slurmctld.out" 2>&1 \
            || die "slurmctld did not start: see $dir/log/slurmctld.log"
    fi
    wait_for 30 scontrol ping || die "slurmctld does not answer: see $dir/log/slurmctld.log"
    alive "$dir/slurmd.pid" || env -u SLURM_CONF slurmd --conf-server 127.0.0.1 \
        </dev/null >"$dir/log/slurmd.out" 2>&1 || die "slurmd did not start: see $dir/log/slurmd.log"
    wait_for 30 node_idle || die "the node is not idle: $(sinfo --Node --long); see $dir/log/"
    echo "SLURM started: SLURM_CONF=$conf"
}

stop() {
    local pidfile
    for pidfile in "$dir/slurmd.pid" "$dir/slurmctld.pid"; do
        if alive "$pidfile"; then
            kill "$(cat "$pidfile")"
            wait_for 30 eval "! alive $pidfile" || die "$(basename "$pidfile" .pid) did not stop"
        fi
    done
    # slurmd's link to the configuration it fetched
    if [ "$(readlink /run/slurm/conf || true)" = "$dir/spool/conf-cache" ]; then
        rm -f /run/slurm/conf
    fi
    if [ -e "$dir/munged.started" ]; then
        runuser -u munge -- /usr/sbin/munged --stop >/dev/null 2>&1 || true
        rm -f "$dir/munged.started"
    fi
}

case $action in
    start) start ;;
    stop) stop ;;
    *) die "usage: single_node.sh start|stop DIR" ;;
esac
