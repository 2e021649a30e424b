"""KubOS's own app-service test cases (its unit and integration suites), run
black-box against kubos-app-service with run levels added. Each test names the
KubOS case: test_APP_<req>_kubos_<nn>_<case>. The README maps them."""
import errno
import json
import os
import shutil
import signal
import time

from apptest import (AppServiceCase, RUST_PROJ, PYTHON_PROJ, k, main, mock_app, pid_alive, source_app, tgz,
                     write)

REG_ERR = {"entry": None, "success": False}


class Register(AppServiceCase):
    sel = "entry { active app { author config name version } } errors success"

    def setUp(self):
        super().setUp()
        self.start()
        self.src = os.path.join(self.tmp, "dummy-app")

    def fail(self, path, message):
        r = self.register(path, self.sel)
        self.assertEqual(r, {"entry": None, "errors": message, "success": False})

    def test_APP_1_kubos_01_ping(self):
        st, body = self.svc.post(b'{"query":"{ ping }"}')
        self.assertEqual((st, body), (200, b'{"data":{"ping":"pong"}}'))

    def test_APP_2_kubos_02_register_good(self):
        source_app(self.src, exe="dummy", script="")
        r = self.register(self.src, self.sel)
        self.assertEqual(r, {"entry": {"active": True, "app": {"author": "user", "config": "/etc/kubos-config.toml",
                                                               "name": "dummy", "version": "0.0.1"}},
                             "errors": "", "success": True})

    def test_APP_2_kubos_03_register_good_exec(self):
        source_app(self.src, extra='executable = "dummy2"\n', exe="dummy2")
        r = self.register(self.src, "entry { active app { author name version executable } } errors success")
        self.assertTrue(r["success"], r)
        self.assertTrue(r["entry"]["app"]["executable"].endswith("dummy/0.0.1/dummy2"))
        self.assertTrue(os.path.isabs(r["entry"]["app"]["executable"]))

    def test_APP_2_kubos_04_register_good_config(self):
        source_app(self.src, extra='executable = "dummy2"\nconfig = "/custom/config.toml"\n', exe="dummy2")
        r = self.register(self.src, "entry { app { config } } success")
        self.assertEqual(r["entry"]["app"]["config"], "/custom/config.toml")

    def test_APP_4_kubos_05_register_no_manifest(self):
        write(os.path.join(self.src, "dummy"), "")
        self.fail(self.src, "Failed to register app: Unable to load manifest.toml: No such file or directory (os error 2)")

    def test_APP_5_kubos_06_register_no_name(self):
        write(os.path.join(self.src, "dummy"), "")
        write(os.path.join(self.src, "manifest.toml"), 'version = "0.0.1"\nauthor = "user"\n')
        self.fail(self.src, "Failed to parse manifest.toml: missing field `name`")

    def test_APP_4_kubos_07_register_bad_name(self):
        source_app(self.src, name="fake", exe=False)
        write(os.path.join(self.src, "dummy"), "")
        self.fail(self.src, "Failed to register app: Application file fake not found in given path")

    def test_APP_5_kubos_08_register_no_version(self):
        write(os.path.join(self.src, "dummy"), "")
        write(os.path.join(self.src, "manifest.toml"), 'name = "dummy"\nauthor = "user"\n')
        self.fail(self.src, "Failed to parse manifest.toml: missing field `version`")

    def test_APP_5_kubos_09_register_no_author(self):
        write(os.path.join(self.src, "dummy"), "")
        write(os.path.join(self.src, "manifest.toml"), 'name = "dummy"\nversion = "0.0.1"\n')
        self.fail(self.src, "Failed to parse manifest.toml: missing field `author`")

    def test_APP_4_kubos_10_register_bad_path(self):
        self.fail("fake/files", "Failed to register app: fake/files does not exist")

    def test_APP_4_kubos_11_register_duplicate(self):
        source_app(self.src)
        self.assertTrue(self.register(self.src)["success"])
        self.fail(self.src, "Failed to register app: App dummy version 0.0.1 already exists")

    def test_APP_2_kubos_12_register_no_active(self):
        source_app(self.src)
        shutil.rmtree(os.path.join(self.reg, "active"))
        r = self.register(self.src)
        self.assertTrue(r["success"], r)
        self.assertTrue(os.path.islink(os.path.join(self.reg, "active", "dummy")))

    def test_APP_3_kubos_13_register_good_archive(self):
        source_app(self.src)
        ar = tgz(self.src, os.path.join(self.tmp, "archive.tgz"))
        r = self.register(ar, self.sel)
        self.assertEqual(r["entry"], {"active": True, "app": {"author": "user", "config": "/etc/kubos-config.toml",
                                                              "name": "dummy", "version": "0.0.1"}})
        # .tar.gz too (KubOS took only .tgz).
        source_app(self.src, version="0.0.2")
        ar = tgz(self.src, os.path.join(self.tmp, "archive.tar.gz"))
        self.assertTrue(self.register(ar)["success"])

    def test_APP_3_kubos_14_register_archive_bad_structure(self):
        source_app(self.src)
        ar = tgz(self.src, os.path.join(self.tmp, "archive.tgz"), prefix="dummy-app/")
        self.fail(ar, "Failed to register app: Manifest file manifest.toml not found in root of archive. When you "
                      "create the archive, do so in the application directory, with a command like: tar -czf "
                      "archive.tgz *")

    def test_APP_4_kubos_15_register_archive_no_extension(self):
        write(os.path.join(self.tmp, "dummy"), "x")
        self.fail(os.path.join(self.tmp, "dummy"),
                  "Failed to register app: Provided file is neither a directory nor a tgz archive file")

    def test_APP_4_kubos_16_register_archive_wrong_extension(self):
        write(os.path.join(self.tmp, "dummy.txt"), "x")
        self.fail(os.path.join(self.tmp, "dummy.txt"),
                  "Failed to register app: Provided file with extension txt is neither a directory nor a tgz archive file")


class StartApp(AppServiceCase):
    def tiny(self, script, mode=0o755):
        vdir = mock_app(self.reg, "tiny-app", "1.0", author="user", config="/custom/config.toml", script=script)
        os.chmod(os.path.join(vdir, "tiny-app"), mode)
        self.start()
        return vdir

    def test_APP_15_kubos_17_start_app_good(self):
        self.tiny("#!/bin/bash\nexit 0\n")
        r = self.mutation("startApp", 'name: "tiny-app"', "success errors pid")
        self.assertEqual(r, {"success": True, "errors": "", "pid": None})

    def test_APP_15_kubos_18_start_app_bad_permissions(self):
        self.tiny("", 0o644)
        r = self.mutation("startApp", 'name: "tiny-app"', "success errors pid")
        self.assertEqual(r, {"success": False, "pid": None,
                             "errors": "Failed to start app: Failed to spawn app: Permission denied (os error 13)"})

    def test_APP_15_kubos_19_start_app_bad_install(self):
        vdir = self.tiny("")
        os.unlink(os.path.join(vdir, "tiny-app"))
        r = self.mutation("startApp", 'name: "tiny-app"', "success errors")
        self.assertEqual(r["errors"], "Failed to start app: %s/tiny-app does not exist. tiny-app version 1.0 "
                                      "automatically uninstalled" % os.path.realpath(vdir))
        self.assertEqual(self.apps(), [])
        self.assertFalse(os.path.exists(vdir))

    def test_APP_15_kubos_20_start_app_nonzero_exit(self):
        self.tiny("#!/bin/bash\nexit 1\n")
        r = self.mutation("startApp", 'name: "tiny-app"', "success errors")
        self.assertEqual(r["errors"], "Failed to start app: App returned exit status: 1")
        s = self.status("tiny-app")
        self.assertEqual((s[0]["running"], s[0]["lastRc"]), (False, 1))


class RegistryDir(AppServiceCase):
    def test_APP_2_kubos_21_custom_apps_dir(self):
        self.start()
        self.assertTrue(os.path.isdir(os.path.join(self.reg, "active")))

    def test_APP_36_kubos_22_invalid_apps_dir(self):
        self.reg = "/sys/fake"
        with self.assertRaises(RuntimeError) as cm:
            self.start()
        self.assertIn("/sys/fake", str(cm.exception))

    def test_APP_8_kubos_23_empty_apps_dir(self):
        self.start()
        self.assertEqual(self.data("{ registeredApps { active } }"), {"registeredApps": []})

    def test_APP_25_kubos_24_serialize_entry(self):
        # app.toml written by the service reads back with KubOS's keys.
        src = source_app(os.path.join(self.tmp, "src"))
        self.start()
        self.assertTrue(self.register(src)["success"])
        text = open(os.path.join(self.reg, "dummy", "0.0.1", "app.toml")).read()
        for key in ("active_version = true", "[app]", 'name = "dummy"', 'version = "0.0.1"', 'author = "user"',
                    'executable = "%s/dummy/0.0.1/dummy"' % os.path.realpath(self.reg)):
            self.assertIn(key, text)


class SetVersionAndUpgrade(AppServiceCase):
    lst = '(name: "dummy")'

    def setUp(self):
        super().setUp()
        self.start()
        self.src = source_app(os.path.join(self.tmp, "dummy-app"))

    def two(self):
        self.assertEqual(self.mutation("register", 'path: "%s"' % self.src, "success"), {"success": True})
        source_app(self.src, version="0.0.2")
        self.assertEqual(self.mutation("register", 'path: "%s"' % self.src, "success"), {"success": True})

    def test_APP_7_kubos_25_set_version_good(self):
        self.two()
        self.assertEqual(self.mutation("setVersion", 'name: "dummy", version: "0.0.1"', "errors success"),
                         {"errors": "", "success": True})
        self.assertEqual(self.apps(self.lst), [{"active": True, "app": {"name": "dummy", "version": "0.0.1"}},
                                               {"active": False, "app": {"name": "dummy", "version": "0.0.2"}}])

    def test_APP_7_kubos_26_set_version_same(self):
        self.two()
        self.assertEqual(self.mutation("setVersion", 'name: "dummy", version: "0.0.2"', "errors success"),
                         {"errors": "", "success": True})
        self.assertEqual(self.apps(self.lst), [{"active": False, "app": {"name": "dummy", "version": "0.0.1"}},
                                               {"active": True, "app": {"name": "dummy", "version": "0.0.2"}}])

    def test_APP_7_kubos_27_set_version_bad(self):
        self.two()
        self.assertEqual(self.mutation("setVersion", 'name: "dummy", version: "0.0.3"', "errors success"),
                         {"errors": "Registry Error: App dummy version 0.0.3 not found in registry", "success": False})

    def test_APP_2_kubos_28_upgrade_good(self):
        r = self.register(self.src, "entry { active app { name version } } errors success")
        self.assertEqual(r["entry"], {"active": True, "app": {"name": "dummy", "version": "0.0.1"}})
        source_app(self.src, version="0.0.2")
        r = self.register(self.src, "entry { active app { name version } } errors success active app { version }")
        self.assertEqual(r["entry"], {"active": True, "app": {"name": "dummy", "version": "0.0.2"}})
        self.assertEqual((r["active"], r["app"]), (True, {"version": "0.0.2"}))  # the seed's "Upgrading" form
        self.assertEqual(self.apps(self.lst), [{"active": False, "app": {"name": "dummy", "version": "0.0.1"}},
                                               {"active": True, "app": {"name": "dummy", "version": "0.0.2"}}])

    def test_APP_4_kubos_29_upgrade_bad(self):
        self.register(self.src)
        source_app(self.src, version="0.0.2", exe=False)
        os.unlink(os.path.join(self.src, "dummy"))
        r = self.register(self.src, "entry { active } errors success")
        self.assertEqual(r, {"entry": None, "errors": "Failed to register app: Application file dummy not found in "
                                                      "given path", "success": False})
        self.assertEqual(self.apps(self.lst), [{"active": True, "app": {"name": "dummy", "version": "0.0.1"}}])


class Filters(AppServiceCase):
    def setUp(self):
        super().setUp()
        mock_app(self.reg, "app1", "0.0.1", active=False, author="mham")
        mock_app(self.reg, "app1", "0.0.2", active=False, config="/custom/config.toml")
        mock_app(self.reg, "app2", "1.0.0", active=False)
        mock_app(self.reg, "app2", "1.0.1", active=True)
        mock_app(self.reg, "app3", "0.0.3", active=True)
        mock_app(self.reg, "app4", "1.0.0", active=True, author="user")
        self.start()

    def pairs(self, args):
        got = self.apps(args, "app { name version }")
        return sorted((a["app"]["name"], a["app"]["version"]) for a in got)

    def test_APP_8_kubos_30_all_apps(self):
        got = self.apps("", "active app { name version author }")
        got = sorted(got, key=lambda a: a["app"]["name"] + "|" + a["app"]["version"])
        self.assertEqual([(a["active"], a["app"]["name"], a["app"]["version"], a["app"]["author"]) for a in got],
                         [(False, "app1", "0.0.1", "mham"), (False, "app1", "0.0.2", "unknown"),
                          (False, "app2", "1.0.0", "unknown"), (True, "app2", "1.0.1", "unknown"),
                          (True, "app3", "0.0.3", "unknown"), (True, "app4", "1.0.0", "user")])

    def test_APP_8_kubos_31_to_37_filters(self):
        self.assertEqual(self.pairs('(name: "app1")'), [("app1", "0.0.1"), ("app1", "0.0.2")])          # 31
        self.assertEqual(self.pairs('(name: "app2")'), [("app2", "1.0.0"), ("app2", "1.0.1")])          # 32
        self.assertEqual(self.pairs('(version: "1.0.0")'), [("app2", "1.0.0"), ("app4", "1.0.0")])      # 33
        self.assertEqual(self.pairs('(version: "0.0.2")'), [("app1", "0.0.2")])                         # 34
        self.assertEqual(self.pairs('(version: "1.0.1", name: "app2")'), [("app2", "1.0.1")])           # 35
        self.assertEqual(self.pairs("(active: true)"), [("app2", "1.0.1"), ("app3", "0.0.3"), ("app4", "1.0.0")])  # 36
        self.assertEqual(self.pairs("(active: false)"), [("app1", "0.0.1"), ("app1", "0.0.2"), ("app2", "1.0.0")])  # 37
        self.assertEqual(self.pairs('(name: null, version: null)'), self.pairs(""))

    def test_APP_8_kubos_38_config(self):
        got = self.apps('(name: "app1")', "app { name version config }")
        self.assertEqual(sorted((a["app"]["version"], a["app"]["config"]) for a in got),
                         [("0.0.1", "/etc/kubos-config.toml"), ("0.0.2", "/custom/config.toml")])


class RustProj(AppServiceCase):
    """KubOS's rust-proj cases, with a shell stand-in of the same behaviour."""

    def setUp(self):
        super().setUp()
        vdir = mock_app(self.reg, "rust-proj", "1.0", script=RUST_PROJ)
        write(os.path.join(vdir, "config.toml"), "")
        write(os.path.join(vdir, "testfile"), "")
        self.start()

    def start_app(self, args="", sel="errors success pid"):
        return self.mutation("startApp", 'name: "rust-proj"%s' % args, sel)

    def test_APP_17_kubos_39_kill_good(self):
        self.assertTrue(self.start_app(', args: "-l"')["success"])
        self.assertTrue(self.status("rust-proj")[0]["running"])
        self.assertEqual(self.mutation("killApp", 'name: "rust-proj"', "errors success"), {"errors": "", "success": True})
        # KubOS waited 10 ms; the contract allows 100 ms.
        s = self.wait_status(lambda s: not s[0]["running"], "rust-proj", timeout=0.1)
        self.assertEqual((s[0]["name"], s[0]["lastRc"], s[0]["lastSignal"]), ("rust-proj", None, 15))

    def test_APP_17_kubos_40_kill_app_bad_name(self):
        self.assertEqual(self.data('mutation { killApp(name: "dummy") { errors, success } }'),
                         {"killApp": {"errors": "Failed to kill app: No matching monitoring entry found", "success": False}})

    def test_APP_17_kubos_41_kill_app_not_running(self):
        self.start_app()
        self.assertEqual(self.data('mutation { killApp(name: "rust-proj") { errors, success } }'),
                         {"killApp": {"errors": "Failed to kill app: No matching monitoring entry found", "success": False}})

    def test_APP_17_kubos_42_kill_custom_signal(self):
        self.assertTrue(self.start_app(', args: "-l"')["success"])
        self.assertTrue(self.mutation("killApp", 'name: "rust-proj", signal: 2')["success"])
        s = self.wait_status(lambda s: not s[0]["running"], "rust-proj", timeout=0.1)
        self.assertEqual((s[0]["lastSignal"], s[0]["lastRc"]), (2, None))

    def test_APP_9_kubos_43_monitor_good(self):
        pid = self.start_app(', args: "-l"')["pid"]
        self.assertIsNotNone(pid)
        s = self.status("rust-proj", "name version pid running config args startTime runLevel")[0]
        self.assertEqual(s["name"], "rust-proj")
        self.assertEqual(s["version"], "1.0")
        self.assertEqual(s["pid"], pid)
        self.assertTrue(s["running"])
        self.assertEqual(s["config"], "/etc/kubos-config.toml")
        self.assertEqual(s["args"], ["-l"])
        self.assertEqual(s["runLevel"], "OnCommand")
        self.assertRegex(s["startTime"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
        s = self.wait_status(lambda s: not s[0]["running"], "rust-proj", timeout=4)[0]
        self.assertEqual((s["pid"], s["lastRc"], s["lastSignal"]), (None, 0, None))
        self.assertIsInstance(s["endTime"], str)

    def test_APP_16_kubos_44_monitor_existing(self):
        self.assertEqual(self.start_app(', args: "-l"', "errors"), {"errors": ""})
        self.assertEqual(self.start_app(', args: "-l"', "errors"),
                         {"errors": "Failed to start app: Instance of rust-proj already running"})
        # Another run level may run at the same time.
        self.assertTrue(self.start_app(', runLevel: "OnBoot", args: "-l"')["success"])

    def test_APP_15_kubos_49_app_no_args(self):
        self.assertEqual(self.start_app("", "errors success"),
                         {"errors": "Failed to start app: App returned exit status: 1", "success": False})

    def test_APP_14_kubos_50_to_53_app_args(self):
        self.assertTrue(self.start_app(', args: ["pos"]')["success"])            # 50
        self.assertTrue(self.start_app(', args: ["-f"]')["success"])             # 51
        self.assertTrue(self.start_app(', args: ["-t", "test"]')["success"])     # 52
        self.assertTrue(self.start_app(', config: "config.toml", args: ["-f"]')["success"])  # 53


class PythonProj(AppServiceCase):
    """KubOS's python-proj cases (45-48): a KubOS Python app runs unchanged."""

    def setUp(self):
        super().setUp()
        vdir = mock_app(self.reg, "python-proj", "1.0", script=PYTHON_PROJ, bin_name="main.py")
        write(os.path.join(vdir, "config.toml"), "")
        write(os.path.join(vdir, "sub", "sub.py"), "")
        self.start()

    def start_app(self, args):
        return self.mutation("startApp", 'name: "python-proj", config: "config.toml", args: %s' % args,
                             "errors success")

    def test_APP_35_kubos_45_to_47_python_args(self):
        for a in ('["pos"]', '["-f"]', '["-t", "test"]'):
            # Python may outlast the start window: then success is reported and the exit shows later.
            self.assertTrue(self.start_app(a)["success"], a)
            self.wait_status(lambda s: not s[0]["running"], "python-proj", timeout=10)
            self.assertEqual(self.status("python-proj")[0]["lastRc"], 0)

    def test_APP_35_kubos_48_app_failure(self):
        r = self.start_app('["-e"]')
        if r["success"]:
            self.wait_status(lambda s: not s[0]["running"], "python-proj", timeout=10)
        else:
            self.assertEqual(r["errors"], "Failed to start app: App returned exit status: 123")
        self.assertEqual(self.data('query { appStatus(name: "python-proj") { running, lastRc } }'),
                         {"appStatus": [{"running": False, "lastRc": 123}]})


class Uninstall(AppServiceCase):
    def test_APP_6_kubos_54_uninstall_last_app(self):
        mock_app(self.reg, "dummy", "0.0.1")
        self.start()
        self.assertTrue(os.path.islink(os.path.join(self.reg, "active", "dummy")))
        self.assertTrue(self.mutation("uninstall", 'name: "dummy", version: "0.0.1"')["success"])
        self.assertEqual(self.apps("", "active"), [])
        self.assertFalse(os.path.exists(os.path.join(self.reg, "dummy")))
        with self.assertRaises(FileNotFoundError):
            os.lstat(os.path.join(self.reg, "active", "dummy"))

    def test_APP_6_kubos_55_uninstall_notlast_app(self):
        mock_app(self.reg, "dummy", "0.0.1")
        mock_app(self.reg, "dummy", "0.0.2")
        self.start()
        self.assertTrue(self.mutation("uninstall", 'name: "dummy", version: "0.0.1"')["success"])
        self.assertTrue(self.apps("", "active")[0]["active"])
        self.assertTrue(os.path.isdir(os.path.join(self.reg, "dummy")))

    def test_APP_6_kubos_56_uninstall_all_app(self):
        mock_app(self.reg, "dummy", "0.0.1")
        mock_app(self.reg, "dummy", "0.0.2")
        self.start()
        self.assertTrue(self.mutation("uninstall", 'name: "dummy"')["success"])
        self.assertEqual(self.apps(), [])
        self.assertFalse(os.path.exists(os.path.join(self.reg, "dummy")))

    def test_APP_6_kubos_57_uninstall_new_app(self):
        mock_app(self.reg, "dummy", "0.0.2")
        mock_app(self.reg, "dummy", "0.0.3")
        mock_app(self.reg, "dummy2", "0.0.2")
        self.start()
        src = source_app(os.path.join(self.tmp, "src"), version="0.0.1")
        self.assertTrue(self.register(src)["success"])
        self.assertTrue(self.mutation("uninstall", 'name: "dummy", version: "0.0.1"')["success"])
        self.assertTrue(os.path.isdir(os.path.join(self.reg, "dummy")))

    def test_APP_6_kubos_58_uninstall_unmonitor(self):
        mock_app(self.reg, "dummy", "0.0.1")
        self.start()
        self.assertTrue(self.mutation("startApp", 'name: "dummy"')["success"])
        self.assertTrue(self.mutation("uninstall", 'name: "dummy", version: "0.0.1"')["success"])
        self.assertEqual(self.status("dummy", "name"), [])

    def test_APP_6_kubos_59_uninstall_all_unmonitor(self):
        mock_app(self.reg, "dummy", "0.0.1")
        mock_app(self.reg, "dummy", "0.0.2")
        self.start()
        self.assertTrue(self.mutation("startApp", 'name: "dummy"')["success"])
        self.assertTrue(self.mutation("uninstall", 'name: "dummy"')["success"])
        self.assertEqual(self.apps(), [])
        self.assertEqual(self.status("dummy", "name"), [])
        self.assertFalse(os.path.exists(os.path.join(self.reg, "dummy")))

    def running(self, uninstall_args, app_args='"-l"'):
        mock_app(self.reg, "rust-proj", "1.0", script=RUST_PROJ)
        self.start()
        pid = self.mutation("startApp", 'name: "rust-proj", args: %s' % app_args, "pid")["pid"]
        self.assertIsNotNone(pid)
        self.assertTrue(self.mutation("uninstall", uninstall_args)["success"])
        return pid

    def test_APP_18_kubos_60_uninstall_running(self):
        pid = self.running('name: "rust-proj", version: "1.0"')
        time.sleep(0.1)  # KubOS's own check: terminated and reaped 100 ms later
        with self.assertRaises(ProcessLookupError):
            os.kill(pid, signal.SIGINT)

    def test_APP_18_kubos_61_uninstall_all_running(self):
        pid = self.running('name: "rust-proj"')
        time.sleep(0.1)
        with self.assertRaises(ProcessLookupError):
            os.kill(pid, signal.SIGINT)

    def test_APP_18_kubos_62_uninstall_kill(self):
        pid = self.running('name: "rust-proj", version: "1.0"', '"-s"')
        self.assertTrue(pid_alive(pid))  # it ignores SIGTERM
        self.assertTrue(k.wait_for(lambda: not pid_alive(pid), timeout=3.0))


if __name__ == "__main__":
    main()
