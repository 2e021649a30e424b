"""Restart policy and automatic rollback (README of this service, "Supervision"):
the manifest keys restart, max_restarts, restart_window_s, rollback and
healthy_after_s against the real binary. Small windows and healthy_after_s keep
each test to a few seconds."""
import os
import time

from apptest import AppServiceCase, k, main, source_app

# Each start appends "<args>" to runs.txt in its version directory (its cwd).
COUNT = 'echo "$*" >> runs.txt\n'
CRASH = "#!/bin/sh\n" + COUNT + "exit 3\n"
LONG = "#!/bin/sh\n" + COUNT + "exec sleep 30\n"
CLEAN = "#!/bin/sh\n" + COUNT + "exit 0\n"
STATUS = "name version runLevel running pid lastRc lastSignal restarts supervision args"
# What a test that proves something did *not* happen waits for: several times
# the first backoff (100 ms) plus a start window.
QUIET = 0.6


class Supervision(AppServiceCase):
    settings = "start-window-ms = 100\n"

    def setUp(self):
        super().setUp()
        self.start(stdout=True)

    def tearDown(self):
        # Apps outlive the service on purpose (re-attach): end the ones a test left running.
        if self.svc:
            for e in self.status(fields="name runLevel running"):
                if e["running"]:
                    self.mutation("killApp", 'name: "%s", runLevel: "%s", signal: 9' % (e["name"], e["runLevel"]))
        super().tearDown()

    def app(self, version, script, keys, name="sup"):
        src = source_app(os.path.join(self.tmp, "src-%s-%s" % (name, version)), name=name, version=version,
                         script=script, extra=keys)
        r = self.register(src)
        self.assertTrue(r["success"], r)

    def runs(self, version, name="sup"):
        p = os.path.join(self.reg, name, version, "runs.txt")
        if not os.path.exists(p):
            return []
        with open(p) as f:
            return f.read().splitlines()

    def entry(self, version, name="sup"):
        s = [e for e in self.status(name, STATUS) if e["version"] == version]
        return s[0] if s else None

    def wait_entry(self, version, pred, timeout=10.0, name="sup"):
        box = {}

        def check():
            box["e"] = self.entry(version, name)
            return box["e"] is not None and pred(box["e"])
        self.assertTrue(k.wait_for(check, timeout=timeout), "status never matched: %r" % box.get("e"))
        return box["e"]

    def stays(self, version, n):
        """Exactly n starts of version, and no other within QUIET (polled with a deadline)."""
        self.assertFalse(k.wait_for(lambda: len(self.runs(version)) > n, timeout=QUIET), self.runs(version))
        self.assertEqual(len(self.runs(version)), n)

    def start_app(self, args='["x"]', name="sup"):
        return self.mutation("startApp", 'name: "%s", args: %s' % (name, args), "success errors pid")

    def healthy_on_disk(self, version, name="sup"):
        with open(os.path.join(self.reg, name, version, "app.toml")) as f:
            return "healthy = true" in f.read()

    def test_APP_56_crashing_app_on_failure_max_3_started_4_times_then_gave_up(self):
        self.app("1", CRASH, 'restart = "on-failure"\nmax_restarts = 3\nrestart_window_s = 60\n')
        t0 = time.monotonic()
        r = self.start_app()
        self.assertEqual(r, {"success": False, "errors": "Failed to start app: App returned exit status: 3",
                             "pid": None})
        e = self.wait_entry("1", lambda e: e["supervision"] == "gave-up")
        took = time.monotonic() - t0
        runs = self.runs("1")
        self.assertEqual(len(runs), 4, runs)
        self.assertEqual(set(runs), {runs[0]})  # a restart reuses run level, config and args
        self.assertRegex(runs[0], r"^-r OnCommand -c \S+ -- x$")
        self.assertEqual((e["restarts"], e["running"], e["lastRc"], e["args"]), (3, False, 3, ["x"]))
        self.assertGreaterEqual(took, 0.7)  # 100 + 200 + 400 ms of backoff
        self.assertIn("sup 1 (OnCommand): gave up after 3 restart(s), at most 3 within 60000 ms; it stays stopped",
                      self.svc.stderr())
        self.stays("1", 4)  # no fifth start

    def test_APP_67_appStatus_shows_restarts_and_supervision_states(self):
        self.app("1", "#!/bin/sh\n" + COUNT + "sleep 0.5\nexit 1\n",
                 'restart = "on-failure"\nmax_restarts = 1\nrestart_window_s = 60\n')
        self.assertTrue(self.start_app()["success"])
        self.assertEqual(self.entry("1")["supervision"], "watching")
        self.wait_entry("1", lambda e: e["supervision"] == "backoff" or e["restarts"] == 1)
        e = self.wait_entry("1", lambda e: e["running"] and e["restarts"] == 1)
        self.assertEqual(e["supervision"], "watching")
        self.wait_entry("1", lambda e: e["supervision"] == "gave-up")
        # KubOS-era clients that do not ask for the new fields see what they always saw.
        old = self.status("sup", "name version runLevel running lastRc")
        self.assertEqual(old, [{"name": "sup", "version": "1", "runLevel": "OnCommand", "running": False, "lastRc": 1}])

    def test_APP_55_exit_0_under_on_failure_is_not_restarted(self):
        self.app("1", CLEAN, 'restart = "on-failure"\n')
        self.assertEqual(self.start_app(), {"success": True, "errors": "", "pid": None})
        self.wait_entry("1", lambda e: not e["running"])
        self.stays("1", 1)
        e = self.entry("1")
        self.assertEqual((e["lastRc"], e["restarts"], e["supervision"]), (0, 0, "none"))
        self.assertEqual(len(self.runs("1")), 1)

    def test_APP_60_killApp_under_always_ends_it_for_good(self):
        self.app("1", LONG, 'restart = "always"\n')
        self.assertTrue(self.start_app()["success"])
        self.assertTrue(self.mutation("killApp", 'name: "sup"')["success"])
        self.wait_entry("1", lambda e: not e["running"])
        self.stays("1", 1)
        e = self.entry("1")
        self.assertEqual((e["lastSignal"], e["restarts"], e["supervision"]), (15, 0, "none"))
        self.assertEqual(len(self.runs("1")), 1)
        self.assertEqual(self.mutation("killApp", 'name: "sup"'),
                         {"success": False, "errors": "Failed to kill app: No matching monitoring entry found"})

    def test_APP_61_setVersion_and_uninstall_end_the_restarts(self):
        self.app("1", "#!/bin/sh\n" + COUNT + "sleep 1\nexit 1\n", 'restart = "always"\n')
        self.app("2", CLEAN, "")
        self.assertTrue(self.mutation("setVersion", 'name: "sup", version: "1"')["success"])
        self.assertTrue(self.start_app()["success"])
        self.assertTrue(self.mutation("setVersion", 'name: "sup", version: "2"')["success"])
        self.wait_entry("1", lambda e: not e["running"])
        self.stays("1", 1)
        self.assertEqual(self.entry("1")["supervision"], "none")
        # uninstall while it waits to restart
        self.assertTrue(self.mutation("setVersion", 'name: "sup", version: "1"')["success"])
        self.assertTrue(self.start_app()["success"])
        self.wait_entry("1", lambda e: e["supervision"] == "backoff")
        self.assertTrue(self.mutation("uninstall", 'name: "sup", version: "1"')["success"])
        self.assertFalse(k.wait_for(lambda: self.status("sup") != [], timeout=QUIET), self.status("sup"))
        self.assertFalse(os.path.exists(os.path.join(self.reg, "sup", "1")))

    def rollback_case(self, restart_between):
        keys = 'restart = "on-failure"\nmax_restarts = 1\nrestart_window_s = 60\nrollback = true\nhealthy_after_s = 0.3\n'
        self.app("1", LONG, keys)
        self.assertTrue(self.start_app('["first"]')["success"])
        self.assertTrue(k.wait_for(lambda: self.healthy_on_disk("1"), timeout=5), "v1 never recorded healthy")
        self.assertTrue(self.mutation("killApp", 'name: "sup"')["success"])
        self.wait_entry("1", lambda e: not e["running"])
        if restart_between:
            self.restart(stdout=True)
        self.app("2", CRASH, keys)
        r = self.start_app('["again"]')
        self.assertFalse(r["success"], r)
        e2 = self.wait_entry("2", lambda e: e["supervision"] == "rolled-back")
        self.assertEqual(e2["restarts"], 1)
        e1 = self.wait_entry("1", lambda e: e["running"])
        self.assertEqual((e1["args"], e1["restarts"], e1["supervision"], e1["runLevel"]),
                         (["again"], 0, "watching", "OnCommand"))
        self.assertEqual(self.runs("1"), [self.runs("1")[0], self.runs("1")[0].replace("first", "again")])
        self.assertEqual(len(self.runs("2")), 2)
        self.assertEqual(self.apps('(name: "sup", active: true)'), [{"active": True, "app": {"name": "sup", "version": "1"}}])
        self.assertEqual(os.path.basename(os.readlink(os.path.join(self.reg, "active", "sup"))), "1")
        gave_up = ("rollback: sup 2 (OnCommand) gave up before it was ever healthy; sup 1 (healthy) is the active "
                   "version again")
        started = "rollback: started sup 1 (OnCommand) as pid %d" % e1["pid"]
        self.assertTrue(k.wait_for(lambda: started in self.svc.stderr(), timeout=3), self.svc.stderr())
        self.assertIn(gave_up, self.svc.stderr())
        self.assertFalse(self.healthy_on_disk("2"))

    def test_APP_64_rollback_from_crashing_v2_to_healthy_v1(self):
        self.rollback_case(restart_between=False)

    def test_APP_65_rollback_after_a_service_restart_healthy_persisted(self):
        self.rollback_case(restart_between=True)

    def test_APP_66_no_rollback_when_no_earlier_version_was_healthy(self):
        keys = 'rollback = true\nhealthy_after_s = 5\n'
        self.app("1", CLEAN, keys)  # ends at once: never healthy
        self.assertTrue(self.start_app()["success"])
        self.wait_entry("1", lambda e: not e["running"])
        self.app("2", CRASH, keys)  # restart = "never" with rollback: its first failure gives up
        self.assertFalse(self.start_app()["success"])
        e = self.wait_entry("2", lambda e: e["supervision"] == "gave-up")
        self.assertEqual(e["restarts"], 0)
        self.assertTrue(k.wait_for(lambda: "no earlier version was healthy: no rollback" in self.svc.stderr(), 3))
        self.assertEqual(self.apps('(name: "sup", active: true)'), [{"active": True, "app": {"name": "sup", "version": "2"}}])
        self.stays("1", 1)
        self.assertFalse(self.healthy_on_disk("1"))

    def test_APP_68_a_manifest_without_the_keys_behaves_as_before(self):
        self.app("1", CRASH, "")
        self.assertEqual(self.start_app()["errors"], "Failed to start app: App returned exit status: 3")
        self.stays("1", 1)
        e = self.entry("1")
        self.assertEqual((e["running"], e["lastRc"], e["restarts"], e["supervision"]), (False, 3, 0, "none"))
        self.assertEqual(len(self.runs("1")), 1)
        with open(os.path.join(self.reg, "sup", "1", "app.toml")) as f:
            self.assertNotIn("healthy", f.read())

    def test_APP_69_a_bad_supervision_key_is_refused_naming_it(self):
        src = source_app(os.path.join(self.tmp, "bad"), name="bad", script=CLEAN, extra='restart = "sometimes"\n')
        self.assertEqual(self.register(src, "success errors"),
                         {"success": False, "errors": 'Failed to parse manifest.toml: field `restart` must be "never", '
                                                      '"on-failure" or "always" (got "sometimes")'})
        src = source_app(os.path.join(self.tmp, "bad2"), name="bad", script=CLEAN, extra="healthy_after_s = -1\n")
        self.assertIn("field `healthy_after_s`", self.register(src, "errors")["errors"])
        self.assertEqual(self.apps('(name: "bad")'), [])
        self.assertEqual(self.data("{ ping }"), {"ping": "pong"})


if __name__ == "__main__":
    main()
