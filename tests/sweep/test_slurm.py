"""The Slurm example on a real single-node Slurm: munged, slurmctld and slurmd
started here on localhost (no systemd), examples/slurm/submit.sh submits the
job array and the merge that depends on it, and the merged archive must equal
the unsharded sweep's.

Needs Debian's slurmctld, slurmd, slurm-client and munge (scripts/bootstrap.sh
installs them) and root, as slurmd runs jobs as their user. Without them the
test fails in CI (CI=true) and is skipped elsewhere, saying why."""

import os
import re
import shutil
import signal
import socket
import subprocess
import time

import pytest

from conftest import ROOT, lhs_sweep
from relocsim_testing import archive_differences as differences

DAEMONS = ["munged", "slurmctld", "slurmd"]
CLIENTS = ["sbatch", "squeue", "sinfo", "scontrol", "scancel"]
SHARDS = 3


def _which(program):
    # Daemons live in /usr/sbin, which is not on every user's PATH.
    return shutil.which(program, path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin")


def _missing():
    absent = [p for p in DAEMONS + CLIENTS if _which(p) is None]
    if absent:
        return ("Slurm is not installed (missing " + ", ".join(absent) + "); install the Debian packages "
                "slurmctld slurmd slurm-client munge, as scripts/bootstrap.sh does")
    if os.geteuid() != 0:
        return "the single-node Slurm test must run as root (slurmd starts jobs as their user)"
    return None


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _memory_mb():
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) // 1024
    return 1024


class Cluster:
    """The three daemons, started in `work`, stopped by stop()."""

    def __init__(self, work):
        self.work = work
        self.procs = []
        self.node = socket.gethostname().split(".")[0]
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("SLURM_")}
        self.env["SLURM_CONF"] = str(work / "slurm.conf")

    def start(self):
        w = self.work
        for d in ("state", "spool", "log"):
            (w / d).mkdir()
        key = w / "munge.key"
        key.write_bytes(os.urandom(1024))
        key.chmod(0o600)
        socket_path = w / "munge.sock"
        self._spawn("munged", [_which("munged"), "--foreground", "--force", f"--socket={socket_path}", f"--key-file={key}",
                               f"--pid-file={w / 'munged.pid'}", f"--log-file={w / 'log' / 'munged.log'}",
                               f"--seed-file={w / 'munged.seed'}"])
        self._wait(lambda: socket_path.exists(), 20, "munged did not create its socket")
        cpus = os.cpu_count() or 1
        (w / "slurm.conf").write_text(f"""ClusterName=relocsimtest
SlurmctldHost={self.node}(127.0.0.1)
SlurmctldPort={_free_port()}
SlurmdPort={_free_port()}
AuthType=auth/munge
AuthInfo=socket={socket_path}
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation={w / 'state'}
SlurmdSpoolDir={w / 'spool'}
SlurmctldPidFile={w / 'slurmctld.pid'}
SlurmdPidFile={w / 'slurmd.pid'}
SlurmctldLogFile={w / 'log' / 'slurmctld.log'}
SlurmdLogFile={w / 'log' / 'slurmd.log'}
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
MinJobAge=600
NodeName={self.node} NodeAddr=127.0.0.1 CPUs={cpus} RealMemory={max(_memory_mb() * 9 // 10, 256)} State=UNKNOWN
PartitionName=test Nodes={self.node} Default=YES MaxTime=INFINITE State=UP
""")
        self._spawn("slurmctld", [_which("slurmctld"), "-D", "-i", "-f", str(w / "slurm.conf")])
        self._spawn("slurmd", [_which("slurmd"), "-D", "-f", str(w / "slurm.conf"), "-N", self.node])
        self._wait(self._node_idle, 90, "the node did not come up idle")

    def _spawn(self, name, args):
        log = open(self.work / "log" / f"{name}.out", "w")
        self.procs.append((name, subprocess.Popen(args, env=self.env, stdout=log, stderr=subprocess.STDOUT)))

    def _node_idle(self):
        for name, proc in self.procs:
            if proc.poll() is not None:
                raise RuntimeError(f"{name} exited ({proc.returncode}):\n{self.logs()}")
        r = subprocess.run(["sinfo", "-h", "-N", "-o", "%t"], env=self.env, capture_output=True, text=True)
        return r.returncode == 0 and r.stdout.strip() in ("idle", "mix", "alloc")

    def _wait(self, ready, seconds, what):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if ready():
                return
            time.sleep(0.5)
        raise RuntimeError(f"{what} within {seconds} s:\n{self.logs()}")

    def job_state(self, job):
        r = subprocess.run(["scontrol", "-o", "show", "job", job], env=self.env, capture_output=True, text=True)
        states = re.findall(r"JobState=(\w+)", r.stdout)
        return states or ["UNKNOWN"]

    def logs(self):
        out = []
        for f in sorted((self.work / "log").iterdir()):
            out.append(f"--- {f.name}\n" + f.read_text(errors="replace")[-3000:])
        return "\n".join(out)

    def stop(self):
        subprocess.run(["scancel", "--user", "root"], env=self.env, capture_output=True)
        for name, proc in reversed(self.procs):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


@pytest.fixture
def cluster(tmp_path_factory):
    reason = _missing()
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    c = Cluster(tmp_path_factory.mktemp("slurm"))
    try:
        c.start()
        yield c
    finally:
        c.stop()


def test_submit_sh_runs_the_array_then_the_merge(cluster, relocsim, relocsim_bin, definition, tmp_path):
    path = definition(lhs_sweep(n=5))
    out = tmp_path / "merged.h5"
    env = dict(cluster.env, RELOCSIM=relocsim_bin)
    # The node has few CPUs and little memory to spare: ask for little.
    r = subprocess.run(
        ["bash", str(ROOT / "examples" / "slurm" / "submit.sh"), str(path), str(out), str(SHARDS),
         "--cpus-per-task=1", "--mem=200M", "--time=00:10:00"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
    )
    assert r.returncode == 0, r.stdout + r.stderr + cluster.logs()
    jobs = re.search(r"array job (\d+) \(3 shards\), merge job (\d+)", r.stdout)
    assert jobs, r.stdout
    array, merge = jobs.groups()

    deadline = time.monotonic() + 150
    while time.monotonic() < deadline:
        state = cluster.job_state(merge)[0]
        if state not in ("PENDING", "RUNNING", "CONFIGURING", "COMPLETING"):
            break
        time.sleep(1)
    logs = "\n".join(f"--- {p.name}\n{p.read_text()}" for p in sorted(tmp_path.glob("relocsim-*.log")))
    assert cluster.job_state(merge)[0] == "COMPLETED", (
        f"merge job {merge}: {cluster.job_state(merge)}; array {array}: {cluster.job_state(array)}\n{logs}\n"
        + cluster.logs()
    )
    assert all(s == "COMPLETED" for s in cluster.job_state(array)), cluster.job_state(array)
    assert sorted(p.name for p in (tmp_path / "merged.h5.shards").iterdir()) == [
        f"shard-{k}.h5" for k in range(SHARDS)
    ]

    r = relocsim("sweep", path, "-o", "whole.h5", "-q")
    assert r.returncode == 0, r.stderr
    assert differences(tmp_path / "whole.h5", out) == []
