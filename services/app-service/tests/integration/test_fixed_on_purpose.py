"""What kubos-app-service does on purpose differently from KubOS (the README's
"Fixed on purpose" list), plus run levels, the start race, -b, restarts,
output capture, hostile archives and a full disk."""
import json
import os
import resource
import signal
import subprocess
import tarfile
import threading
import time

from apptest import AppServiceCase, RUST_PROJ, k, main, mock_app, pid_alive, source_app, tgz, write

def read(path):
    with open(path) as f:
        return f.read()


def gone(pid):
    """Dead (reaped, or a zombie waiting for its new parent)."""
    try:
        return read("/proc/%d/stat" % pid).rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except OSError:
        return True


PROBE = """#!/bin/sh
# Records what the service gave it: pid, process group, cwd, argv.
echo "$$ $(cut -d' ' -f5 /proc/$$/stat) $(pwd)" > probe.txt
for a in "$@"; do echo "$a" >> probe.txt; done
exec sleep 5
"""


class Paths(AppServiceCase):
    def test_APP_28_names_never_reach_the_file_system(self):
        mock_app(self.reg, "dummy", "0.0.1")
        write(os.path.join(self.tmp, "precious"), "keep")
        self.start()
        for args in ('name: ""', 'name: ".."', 'name: "active"', 'name: "/"', 'name: "../registry"',
                     'name: "dummy", version: ".."', 'name: "dummy", version: ""', 'name: "dummy", version: "../.."'):
            r = self.mutation("uninstall", args)
            self.assertFalse(r["success"], args)
            self.assertTrue(r["errors"].startswith("Failed to uninstall app: "), r)
        self.assertTrue(os.path.exists(os.path.join(self.tmp, "precious")))
        self.assertTrue(os.path.isdir(os.path.join(self.reg, "active")))
        self.assertEqual(len(self.apps()), 1)
        for field, manifest in (("name", 'name = "../evil"\nversion = "1"\nauthor = "a"\n'),
                                ("version", 'name = "evil"\nversion = "../../x"\nauthor = "a"\n'),
                                ("executable", 'name = "evil"\nversion = "1"\nauthor = "a"\nexecutable = "../../bin/sh"\n')):
            src = os.path.join(self.tmp, "src-" + field)
            write(os.path.join(src, "manifest.toml"), manifest)
            write(os.path.join(src, "evil"), "")
            r = self.register(src)
            self.assertFalse(r["success"])
            self.assertIn("field `%s`" % field, r["errors"])
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "evil")))
        self.assertEqual(sorted(os.listdir(self.reg)), [".staging", ".status.journal", "active", "dummy"])

    def test_APP_37_no_process_wide_chdir(self):
        # Relative register paths resolve against the service's own cwd, even after starts.
        mock_app(self.reg, "probe", "1", script=PROBE)
        mock_app(self.reg, "probe2", "1", script=PROBE)
        old = os.getcwd()
        os.chdir(self.tmp)
        try:
            self.start()
        finally:
            os.chdir(old)
        source_app(os.path.join(self.tmp, "rel-src"))
        self.assertTrue(self.mutation("startApp", 'name: "probe"', "success")["success"])
        self.assertTrue(self.register("rel-src")["success"])
        r = [None, None]

        def go(i, name):
            r[i] = self.mutation("startApp", 'name: "%s", runLevel: "OnBoot"' % name, "success")
        ts = [threading.Thread(target=go, args=(0, "probe")), threading.Thread(target=go, args=(1, "probe2"))]
        [t.start() for t in ts]
        [t.join() for t in ts]
        for name in ("probe", "probe2"):
            vdir = os.path.realpath(os.path.join(self.reg, name, "1"))
            first = read(os.path.join(vdir, "probe.txt")).split("\n")[0]
            self.assertEqual(first.split(" ")[2], vdir)
        self.mutation("uninstall", 'name: "probe"')
        self.mutation("uninstall", 'name: "probe2"')


class RunLevels(AppServiceCase):
    def setUp(self):
        super().setUp()
        mock_app(self.reg, "probe", "1", script=PROBE)
        mock_app(self.reg, "rust-proj", "1.0", script=RUST_PROJ)
        self.start()

    def tearDown(self):
        for n in ("probe", "rust-proj"):
            try:
                self.mutation("uninstall", 'name: "%s"' % n)
            except Exception:
                pass
        super().tearDown()

    def test_APP_14_command_line_cwd_process_group(self):
        pid = self.mutation("startApp", 'name: "probe", runLevel: "OnBoot", config: "my.toml", args: "a b"', "pid")["pid"]
        vdir = os.path.realpath(os.path.join(self.reg, "probe", "1"))
        path = os.path.join(vdir, "probe.txt")
        self.assertTrue(k.wait_for(lambda: os.path.exists(path) and len(read(path).split("\n")) >= 7))
        lines = read(path).split("\n")
        mypid, pgid, cwd = lines[0].split(" ")
        self.assertEqual(int(mypid), pid)
        self.assertEqual(int(pgid), pid)  # its own process group
        self.assertEqual(cwd, vdir)
        # A single string for args is one argument.
        self.assertEqual(lines[1:7], ["-r", "OnBoot", "-c", "my.toml", "--", "a b"])
        pid2 = self.mutation("startApp", 'name: "probe"', "pid")["pid"]
        self.assertTrue(k.wait_for(lambda: len(read(path).split("\n")) >= 5 and
                                   read(path).startswith(str(pid2))))
        self.assertEqual(read(path).split("\n")[1:6], ["-r", "OnCommand", "-c", "/etc/kubos-config.toml", ""])

    def test_APP_19_unknown_run_level_names_both(self):
        for m in ('startApp(name: "probe", runLevel: "Sometimes")', 'killApp(name: "probe", runLevel: "onboot")'):
            r = self.data("mutation { %s { success errors } }" % m)
            v = list(r.values())[0]
            self.assertFalse(v["success"])
            self.assertIn("OnBoot", v["errors"])
            self.assertIn("OnCommand", v["errors"])

    def test_APP_17_invalid_signal_is_an_error(self):
        pid = self.mutation("startApp", 'name: "rust-proj", args: "-l"', "pid")["pid"]
        for sig in (0, 32, -1, 64):
            r = self.mutation("killApp", 'name: "rust-proj", signal: %d' % sig)
            self.assertFalse(r["success"])
            self.assertIn("invalid signal %d" % sig, r["errors"])
        self.assertTrue(pid_alive(pid))
        self.assertTrue(self.mutation("killApp", 'name: "rust-proj", runLevel: "OnCommand", signal: 9')["success"])
        s = self.wait_status(lambda s: not s[0]["running"], "rust-proj", timeout=0.1)
        self.assertEqual(s[0]["lastSignal"], 9)
        self.assertFalse(pid_alive(pid))

    def test_APP_16_eight_way_start_race_starts_one(self):
        results = []
        lock = threading.Lock()
        barrier = threading.Barrier(8)

        def go():
            barrier.wait()
            r = k.graphql(self.svc.port, 'mutation { startApp(name: "rust-proj", args: "-l") { success errors pid } }')
            with lock:
                results.append(r["data"]["startApp"])
        ts = [threading.Thread(target=go) for _ in range(8)]
        [t.start() for t in ts]
        [t.join() for t in ts]
        ok = [r for r in results if r["success"]]
        self.assertEqual(len(ok), 1, results)
        self.assertIsNotNone(ok[0]["pid"])
        for r in results:
            if not r["success"]:
                self.assertEqual(r["errors"], "Failed to start app: Instance of rust-proj already running")
        self.assertEqual(len([s for s in self.status("rust-proj") if s["running"]]), 1)


class Lifecycle(AppServiceCase):
    def test_APP_23_output_goes_to_the_log_not_inherited(self):
        mock_app(self.reg, "talker", "1", script="#!/bin/sh\necho marker-out\necho marker-err >&2\nexit 0\n")
        self.start(args=["-l", "debug"], stdout=True)
        self.assertTrue(self.mutation("startApp", 'name: "talker"')["success"])
        self.assertTrue(k.wait_for(lambda: "marker-err" in self.svc.stderr(), timeout=3))
        log = self.svc.stderr()
        self.assertRegex(log, r"talker\[\d+\] stdout: marker-out")
        self.assertRegex(log, r"talker\[\d+\] stderr: marker-err")
        self.assertNotIn("\nmarker-out\n", log)

    def test_APP_24_onboot_starts_active_versions(self):
        mock_app(self.reg, "probe", "1", script=PROBE)
        mock_app(self.reg, "probe", "0", active=False, script=PROBE)
        mock_app(self.reg, "broken", "1", script="#!/bin/sh\nexit 3\n")
        self.start(args=["-b"], stdout=True)
        s = {x["name"]: x for x in self.status(fields="name version runLevel running lastRc")}
        self.assertEqual(s["probe"]["runLevel"], "OnBoot")
        self.assertEqual(s["probe"]["version"], "1")
        self.assertTrue(s["probe"]["running"])
        self.assertEqual(s["broken"]["lastRc"], 3)
        self.assertIn("onboot: failed to start broken", self.svc.stderr())
        self.assertIn("onboot: 1 started, 1 failed", self.svc.stderr())
        self.mutation("uninstall", 'name: "probe"')

    def test_APP_29_status_survives_restart_and_running_apps_are_reattached(self):
        mock_app(self.reg, "rust-proj", "1.0", script=RUST_PROJ)
        mock_app(self.reg, "quick", "1", script="#!/bin/sh\nexit 4\n")
        self.start()
        self.mutation("startApp", 'name: "quick"')
        pid = self.mutation("startApp", 'name: "rust-proj", args: "-s"', "pid")["pid"]
        self.restart(sig=signal.SIGKILL)
        s = {x["name"]: x for x in self.status()}
        self.assertEqual(s["quick"]["lastRc"], 4)
        self.assertTrue(s["rust-proj"]["running"])
        self.assertEqual(s["rust-proj"]["pid"], pid)
        # Still one instance: a second start is refused.
        self.assertIn("already running", self.mutation("startApp", 'name: "rust-proj", args: "-s"')["errors"])
        os.kill(pid, signal.SIGKILL)
        s = self.wait_status(lambda s: not [x for x in s if x["name"] == "rust-proj"][0]["running"], timeout=1)
        r = [x for x in s if x["name"] == "rust-proj"][0]
        self.assertIsNotNone(r["endTime"])
        self.assertIsNone(r["pid"])
        # An app that ended while the service was down is marked ended at start-up.
        pid = self.mutation("startApp", 'name: "rust-proj", args: "-s"', "pid")["pid"]
        self.svc.stop(sig=signal.SIGKILL)
        os.kill(pid, signal.SIGKILL)
        self.assertTrue(k.wait_for(lambda: gone(pid), timeout=3))
        self.svc = None
        self.start()
        r = [x for x in self.status() if x["name"] == "rust-proj"][0]
        self.assertFalse(r["running"])
        self.assertIsNotNone(r["endTime"])

    def test_APP_25_kubos_made_registry_loads_unchanged(self):
        # As KubOS lays it out: absolute executables (here of a registry that
        # was moved), active/ symlinks, an app.toml without config (<= 1.17),
        # a version without app.toml (KubOS would delete it), a stray file.
        mock_app(self.reg, "alpha", "1.0", active=False, script="#!/bin/sh\nexit 0\n")
        mock_app(self.reg, "alpha", "2.0", active=True, script="#!/bin/sh\nexit 0\n")
        mock_app(self.reg, "old", "0.1", config=None)
        os.makedirs(os.path.join(self.reg, "broken", "1"))
        write(os.path.join(self.reg, "config.toml"), "")
        os.makedirs(os.path.join(self.reg, "active"))
        os.symlink(os.path.join(self.reg, "alpha", "2.0"), os.path.join(self.reg, "active", "alpha"))
        moved = self.reg + "-moved"
        os.rename(self.reg, moved)
        self.reg = moved
        before = sorted(os.path.relpath(os.path.join(d, f), moved) for d, _, fs in os.walk(moved) for f in fs)
        self.start()
        got = sorted((a["app"]["name"], a["app"]["version"], a["active"], a["app"]["config"])
                     for a in self.apps("", "active app { name version config }"))
        self.assertEqual(got, [("alpha", "1.0", False, "/etc/kubos-config.toml"),
                               ("alpha", "2.0", True, "/etc/kubos-config.toml"),
                               ("old", "0.1", True, "/etc/kubos-config.toml")])
        self.assertEqual(self.mutation("startApp", 'name: "alpha"', "success errors"), {"success": True, "errors": ""})
        self.assertEqual([f for f in before if not os.path.lexists(os.path.join(moved, f))], [])
        self.assertTrue(os.path.isdir(os.path.join(moved, "broken", "1")))
        self.assertEqual(os.readlink(os.path.join(moved, "active", "alpha")), os.path.join(moved, "alpha", "2.0"))


class Archives(AppServiceCase):
    def setUp(self):
        super().setUp()
        self.start()

    def archive(self, name, add):
        path = os.path.join(self.tmp, name)
        with tarfile.open(path, "w:gz") as t:
            def put(info, data=b""):
                import io
                info.size = len(data)
                t.addfile(info, io.BytesIO(data) if data else None)
            m = b'name = "evil"\nversion = "1"\nauthor = "a"\n'
            put(tarfile.TarInfo("manifest.toml"), m)
            put(tarfile.TarInfo("evil"), b"#!/bin/sh\n")
            add(put)
        return path

    def refused(self, name, add, message):
        r = self.register(self.archive(name, add))
        self.assertFalse(r["success"])
        self.assertIn(message, r["errors"])
        self.assertTrue(r["errors"].startswith("Failed to register app: "))
        self.assertEqual(self.apps(), [])
        self.assertEqual(os.listdir(os.path.join(self.reg, ".staging")), [])

    def test_APP_3_hostile_archives_are_refused(self):
        self.refused("dotdot.tgz", lambda put: put(tarfile.TarInfo("../../outside"), b"x"), "outside the app directory")
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "outside")))

        def link(put):
            i = tarfile.TarInfo("passwd")
            i.type = tarfile.SYMTYPE
            i.linkname = "/etc/passwd"
            put(i)
        self.refused("link.tgz", link, "link pointing outside")

        def dev(put):
            i = tarfile.TarInfo("null")
            i.type = tarfile.CHRTYPE
            i.devmajor, i.devminor = 1, 3
            put(i)
        self.refused("dev.tgz", dev, "device, FIFO or socket")
        self.refused("abs.tgz", lambda put: put(tarfile.TarInfo("/tmp/abs-evil"), b"x"), "absolute path")
        write(os.path.join(self.tmp, "junk.tgz"), "not an archive")
        r = self.register(os.path.join(self.tmp, "junk.tgz"))
        self.assertIn("not a valid .tgz archive", r["errors"])

    def test_APP_27_full_disk_gives_a_clear_error_and_the_old_state(self):
        self.svc.stop()
        self.svc = None
        # RLIMIT_FSIZE stands in for a full disk: writes past 1 MiB fail with EFBIG.
        orig = subprocess.Popen

        def popen(*a, **kw):
            kw["preexec_fn"] = lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 20, 1 << 20))
            return orig(*a, **kw)
        subprocess.Popen = popen
        try:
            self.start()
        finally:
            subprocess.Popen = orig
        small = source_app(os.path.join(self.tmp, "small"), name="app", version="1")
        self.assertTrue(self.register(small)["success"])
        big = source_app(os.path.join(self.tmp, "big"), name="app", version="2")
        write(os.path.join(big, "blob"), "x" * (3 << 20))
        r = self.register(big)
        self.assertFalse(r["success"])
        self.assertIn("Failed to register app: Error copying files into registry dir: ", r["errors"])
        self.assertIn("File too large", r["errors"])
        self.assertEqual(self.apps(), [{"active": True, "app": {"name": "app", "version": "1"}}])
        self.assertFalse(os.path.exists(os.path.join(self.reg, "app", "2")))
        self.assertEqual(os.listdir(os.path.join(self.reg, ".staging")), [])
        self.assertEqual(self.data("{ ping }"), {"ping": "pong"})


class Schema(AppServiceCase):
    def test_APP_1_every_schema_element_is_described(self):
        self.start()
        q = """{ __schema { types { name description fields { name description args { name description } } } } }"""
        for t in self.data(q)["__schema"]["types"]:
            if t["name"].startswith("__") or t["name"] in ("String", "Boolean", "Int", "Float", "ID"):
                continue
            self.assertTrue(t["description"], t["name"])
            for f in t["fields"] or []:
                self.assertTrue(f["description"], "%s.%s" % (t["name"], f["name"]))
                for a in f["args"]:
                    self.assertTrue(a["description"], "%s.%s(%s)" % (t["name"], f["name"], a["name"]))

    def test_APP_36_bad_config_exits_1_naming_the_key(self):
        with self.assertRaises(RuntimeError) as cm:
            self.start(settings="start-window-ms = \"soon\"\n")
        self.assertIn("start-window-ms", str(cm.exception))


if __name__ == "__main__":
    main()
