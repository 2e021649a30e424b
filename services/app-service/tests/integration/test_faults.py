"""Faults around mission apps (README APP-85..APP-87): the registry's disk
filling up in the middle of a register, and apps that fork children which
outlive them. Every wait has a deadline; each test takes a second or two."""
import os
import subprocess
import textwrap
import time
import unittest

from apptest import AppServiceCase, k, main, source_app, write

# Forks three children, one of which ignores SIGTERM and one a grandchild in
# the same process group, writes their pids to the file given after --, then
# either waits for them ("stay") or exits at once ("exit"). Its own pid first.
FORKER = textwrap.dedent("""\
    #!/bin/bash
    out=""; mode=""
    while [ $# -gt 0 ]; do
      case "$1" in
        -r|-c) shift ;;
        --) ;;
        *) if [ -z "$out" ]; then out=$1; else mode=$1; fi ;;
      esac
      shift
    done
    sleep 300 &
    a=$!
    sh -c "trap '' TERM; exec sleep 300" &
    b=$!
    ( sleep 300 & echo $! > "$out.grandchild"; wait ) &
    c=$!
    while [ ! -s "$out.grandchild" ]; do sleep 0.01; done
    echo "$$ $a $b $c $(cat "$out.grandchild")" > "$out.tmp" && mv "$out.tmp" "$out"
    [ "$mode" = exit ] && exit 0
    wait
    """)


def proc_state(pid):
    """(state, parent pid) from /proc, or None once the pid is gone."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return fields[0], int(fields[1])
    except (OSError, IndexError, ValueError):
        return None


def alive(pid):
    """True while /proc has the pid, zombies included."""
    return proc_state(pid) is not None


class ForkingApps(AppServiceCase):
    def start_forker(self, mode):
        self.start()
        self.assertTrue(self.register(source_app(os.path.join(self.tmp, "src"), name="forker", script=FORKER))["success"])
        pidfile = os.path.join(self.tmp, "pids")
        r = self.mutation("startApp", 'name: "forker", args: ["%s", "%s"]' % (pidfile, mode), "success errors pid")
        self.assertTrue(r["success"], r)
        self.assertTrue(k.wait_for(lambda: os.path.exists(pidfile), timeout=5), "the app never wrote its children's pids")
        with open(pidfile) as f:
            kids = [int(p) for p in f.read().split()]
        self.assertEqual(len(kids), 5)
        return kids[0], kids[1:]

    def assertAllGone(self, pids, within=3.0):
        """Every pid dead within the deadline, and none a zombie of the service.

        The app itself is the service's child, so it must be gone (reaped). Its
        children were re-parented to init when it exited: they must be dead
        (gone, or a zombie that init has not collected yet; this machine's init
        collects every 2 s), never running and never a zombie left by the service."""
        svc = self.svc.proc.pid

        def dead(p):
            st = proc_state(p)
            return st is None or (st[0] in "ZX" and st[1] != svc)
        t0 = time.monotonic()
        ok = k.wait_for(lambda: all(dead(p) for p in pids), timeout=within)
        self.assertTrue(ok, "alive after %.1f s (pid: (state, ppid)): %r"
                        % (within, {p: proc_state(p) for p in pids if not dead(p)}))
        return time.monotonic() - t0

    def tearDown(self):
        # Never leave a sleeper behind, whatever failed.
        for p in getattr(self, "_kids", []):
            try:
                os.kill(p, 9)
            except OSError:
                pass
        super().tearDown()

    def test_APP_86_killApp_kills_and_reaps_the_whole_process_group(self):
        leader, kids = self.start_forker("stay")
        self._kids = kids
        self.assertTrue(all(alive(p) for p in kids))
        self.assertTrue(self.mutation("killApp", 'name: "forker"')["success"])
        took = self.assertAllGone(kids + [leader])
        s = self.wait_status(lambda s: s and not s[0]["running"], "forker")
        self.assertEqual(s[0]["lastSignal"], 15)
        self.assertFalse(alive(leader), "the service did not reap the app")
        print("killApp: every child gone after %.2f s" % took)
        self.assertEqual(self.data("{ping}")["ping"], "pong")

    def test_APP_87_children_die_with_the_app_that_forked_them(self):
        leader, kids = self.start_forker("exit")
        self._kids = kids
        s = self.wait_status(lambda s: s and not s[0]["running"], "forker")
        self.assertEqual(s[0]["lastRc"], 0)
        took = self.assertAllGone(kids + [leader])
        self.assertFalse(alive(leader), "the service did not reap the app")
        print("exit: every child gone after %.2f s" % took)


class FullDisk(AppServiceCase):
    """The registry on a 1 MiB tmpfs (root only: CI runs as root)."""

    def setUp(self):
        super().setUp()
        if os.geteuid() != 0:
            self.skipTest("needs root to mount a tmpfs of 1 MiB for the registry (CI runs as root)")
        os.makedirs(self.reg)
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,mode=0755", "tmpfs", self.reg],
                           capture_output=True, text=True)
        if r.returncode != 0:
            self.skipTest("cannot mount a tmpfs although root: " + r.stderr.strip())
        self.mounted = True

    def tearDown(self):
        if self.svc:
            self.svc.stop(timeout=5)
            self.svc = None
        if getattr(self, "mounted", False):
            subprocess.run(["umount", "-l", self.reg], check=False)
        super().tearDown()

    def app(self, name, version, kib):
        src = source_app(os.path.join(self.tmp, "src-%s-%s" % (name, version)), name=name, version=version)
        write(os.path.join(src, "data"), "x" * (kib * 1024))
        return src

    def check_registry(self, expected):
        apps = self.apps()
        got = sorted((a["app"]["name"], a["app"]["version"]) for a in apps)
        self.assertEqual(got, sorted(expected))
        # One active version per app: the one registered last.
        active = sorted((a["app"]["name"], a["app"]["version"]) for a in apps if a["active"])
        last = {}
        for name, version in expected:
            last[name] = version
        self.assertEqual(active, sorted(last.items()))
        self.assertEqual(os.listdir(os.path.join(self.reg, ".staging")), [])
        for name, version in expected:
            self.assertTrue(os.path.isfile(os.path.join(self.reg, name, version, "app.toml")))

    def test_APP_85_full_disk_during_register(self):
        self.start()
        ok = [("small", "1"), ("small", "2")]
        for name, version in ok:
            self.assertTrue(self.register(self.app(name, version, 100))["success"])
        # Sizes that run out of space while copying the files, and (filling the
        # rest first) at every later step of the register: app.toml, the rename.
        fillers = [None, 0, 4, 8, 12, 16, 20, 24, 32, 64, 128]
        errors = []
        for i, leave_kib in enumerate(fillers):
            filler = os.path.join(self.reg, "filler")
            if leave_kib is not None:
                st = os.statvfs(self.reg)
                free = st.f_bavail * st.f_frsize
                with open(filler, "wb") as f:
                    try:
                        f.write(b"\0" * max(0, free - leave_kib * 1024))
                    except OSError:
                        pass
            r = self.register(self.app("big", str(i), 2000 if leave_kib is None else 1))
            if leave_kib is None or not r["success"]:
                self.assertFalse(r["success"], r)
                self.assertIn("No space left on device", r["errors"])
                self.assertFalse(os.path.exists(os.path.join(self.reg, "big", str(i))), "partial version left")
                errors.append(r["errors"])
            else:
                ok.append(("big", str(i)))
            if os.path.exists(filler):
                os.unlink(filler)
            # Consistent at once, and still serving.
            self.check_registry(ok)
            self.assertEqual(self.data("{ping}")["ping"], "pong")
        # With space again, a register works, and a restart loads the same registry.
        self.assertTrue(self.register(self.app("after", "1", 10))["success"])
        ok.append(("after", "1"))
        self.restart()
        self.check_registry(ok)
        print("full disk: registered after the faults:", ok)
        print("full disk: errors:\n  " + "\n  ".join(errors))
        # The sweep hit the copy, a later step, and left room at last.
        self.assertGreaterEqual(len(errors), 2)
        self.assertIn(("big", str(len(fillers) - 1)), ok)


if __name__ == "__main__":
    main()
