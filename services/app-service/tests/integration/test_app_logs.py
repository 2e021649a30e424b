"""App logs readable from the ground (appLogs) and memory limits (memory_limit_mb),
against the real binary. Each test names its requirement (README, APP-78..)."""
import json
import os
import re
import sys
import textwrap

from apptest import AppServiceCase, k, main, source_app

# Prints `count` numbered lines on stdout (every tenth also on stderr), then a
# last line without a newline; the first argument after -- is the count.
CHATTY = textwrap.dedent("""\
    #!/bin/sh
    while [ $# -gt 0 ] && [ "$1" != -- ]; do shift; done
    n=${2:-5}
    i=1
    while [ $i -le $n ]; do
      echo "line $i"
      [ $((i % 10)) -eq 0 ] && echo "err $i" >&2
      i=$((i + 1))
    done
    printf 'no newline'
    """)

# Touches `MiB` mebibytes (the first argument after --), then exits 0.
HOG = textwrap.dedent("""\
    #!%s
    import sys
    mib = int(sys.argv[sys.argv.index('--') + 1])
    block = b'\\x01' * (mib << 20)
    print('allocated', len(block) >> 20, 'MiB')
    """) % sys.executable

TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


class AppLogs(AppServiceCase):
    def logs(self, name="chatty", after=0, limit=100, run_level=None):
        rl = ", runLevel: %s" % json.dumps(run_level) if run_level else ""
        return self.data("{ appLogs(name: %s%s, after: %d, limit: %d) { lines { seq time stream text } next dropped } }"
                         % (json.dumps(name), rl, after, limit))["appLogs"]

    def run_chatty(self, count):
        r = self.mutation("startApp", 'name: "chatty", args: ["%d"]' % count)
        self.assertTrue(r["success"], r)
        self.wait_status(lambda s: s and not s[0]["running"], "chatty")

    def wait_lines(self, last_seq, after=0):
        box = {}

        def check():
            box["p"] = self.logs(after=after, limit=1000)
            return box["p"]["next"] >= last_seq
        self.assertTrue(k.wait_for(check, timeout=5), box.get("p"))
        return box["p"]

    def register_chatty(self, extra=""):
        src = source_app(os.path.join(self.tmp, "src-chatty"), name="chatty", script=CHATTY, extra=extra)
        self.assertTrue(self.register(src)["success"])

    def test_APP_78_paging_across_app_and_service_restarts(self):
        self.start()
        self.register_chatty()
        self.run_chatty(25)  # 25 stdout lines, 2 stderr lines, 1 without newline: 28 lines
        self.wait_lines(28)
        seen, after = [], 0
        while True:
            p = self.logs(after=after, limit=10)
            self.assertEqual(p["dropped"], 0)
            if not p["lines"]:
                self.assertEqual(p["next"], after)
                break
            self.assertLessEqual(len(p["lines"]), 10)
            self.assertEqual(p["next"], p["lines"][-1]["seq"])
            seen += p["lines"]
            after = p["next"]
        self.assertEqual([l["seq"] for l in seen], list(range(1, 29)))
        for l in seen:
            self.assertRegex(l["time"], TIME)
        out = [l["text"] for l in seen if l["stream"] == "stdout"]
        err = [l["text"] for l in seen if l["stream"] == "stderr"]
        self.assertEqual(out, ["line %d" % i for i in range(1, 26)] + ["no newline"])
        self.assertEqual(err, ["err 10", "err 20"])
        # The app again: seq goes on.
        self.run_chatty(3)
        p = self.wait_lines(32, after=after)
        self.assertEqual([l["seq"] for l in p["lines"]], [29, 30, 31, 32])
        self.assertEqual(p["lines"][0]["text"], "line 1")
        after = p["next"]
        # The service again: the lines are still there and seq goes on.
        self.restart()
        self.assertEqual([l["seq"] for l in self.logs(limit=1000)["lines"]], list(range(1, 33)))
        self.run_chatty(1)
        p = self.wait_lines(34, after=after)
        self.assertEqual([(l["seq"], l["text"]) for l in p["lines"]], [(33, "line 1"), (34, "no newline")])
        # Each run level has its own numbering; an app with no lines has an empty page.
        self.assertEqual(self.logs(run_level="OnBoot"), {"lines": [], "next": 0, "dropped": 0})
        self.assertEqual(self.logs(name="nobody", after=7), {"lines": [], "next": 7, "dropped": 0})

    def test_APP_79_dropped_counts_lines_lost_to_the_bound(self):
        self.start(settings="app-log-bytes = 2048\n")
        self.register_chatty()
        self.run_chatty(10)
        first = self.wait_lines(12)
        self.assertEqual(first["dropped"], 0)
        after = first["next"]
        self.run_chatty(300)  # far more than 2048 bytes
        box = {}

        def check():
            box["p"] = self.logs(after=after, limit=1000)
            return box["p"]["next"] >= 12 + 331
        self.assertTrue(k.wait_for(check, timeout=5), box.get("p"))
        p = box["p"]
        self.assertGreater(p["dropped"], 0)
        # Every line after `after` is either returned or counted, and the newest are kept.
        self.assertEqual(p["dropped"] + len(p["lines"]), p["next"] - after)
        self.assertEqual(p["lines"][0]["seq"], after + p["dropped"] + 1)
        self.assertEqual([l["text"] for l in p["lines"] if l["stream"] == "stdout"][-1], "no newline")
        self.assertLess(len(p["lines"]), 331)
        # Polling on with after: next sees nothing twice.
        self.assertEqual(self.logs(after=p["next"]), {"lines": [], "next": p["next"], "dropped": 0})
        size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(os.path.join(self.reg, ".logs"))
                   for f in fs)
        self.assertLessEqual(size, 2048 + 4096 + 29)

    def test_APP_80_bad_appLogs_arguments_are_graphql_errors(self):
        self.start()
        cases = [('runLevel: "Sometimes"', "unknown run level 'Sometimes' (expected OnBoot or OnCommand)"),
                 ("limit: -1", "limit must be between 0 and 1000 (got -1)"),
                 ("limit: 100000", "limit must be between 0 and 1000 (got 100000)"),
                 ("after: -5", "after must be at least 0 (got -5)"),
                 ('name: "a/b"', "name 'a/b' may only contain"), ('name: ".."', "must not start with '.'")]
        for args, message in cases:
            name = "" if "name:" in args else 'name: "chatty", '
            r = self.q("{ appLogs(%s%s) { next } }" % (name, args))
            self.assertIn("errors", r, args)
            self.assertIn(message, r["errors"][0]["message"], args)
        self.assertEqual(self.data("{ ping }"), {"ping": "pong"})  # still serving

    def test_APP_81_memory_hog_fails_under_memory_limit_mb(self):
        self.start(settings="start-window-ms = 10000\n", stdout=True)  # the answer comes when the app ends (Python on a busy machine)
        src = source_app(os.path.join(self.tmp, "src-hog"), name="hog", script=HOG, extra="memory_limit_mb = 48\n")
        self.assertTrue(self.register(src)["success"])
        r = self.mutation("startApp", 'name: "hog", args: ["1"]')
        self.assertEqual(r, {"success": True, "errors": ""})
        s = self.wait_status(lambda s: s and not s[0]["running"], "hog")
        self.assertEqual((s[0]["lastRc"], s[0]["lastSignal"]), (0, None))
        # The same app asking for more than its limit: stopped like any failure.
        r = self.mutation("startApp", 'name: "hog", args: ["128"]')
        self.assertFalse(r["success"], r)
        self.assertRegex(r["errors"], r"^Failed to start app: App returned (exit status: 1|signal: 9 \(SIGKILL\))$")
        s = self.wait_status(lambda s: s and not s[0]["running"], "hog")
        self.assertTrue(s[0]["lastRc"] == 1 or s[0]["lastSignal"] == 9, s)
        # The log says which mechanism applied.
        self.assertRegex(self.svc.stderr(), r"started hog 0\.0\.1 \(OnCommand\) as pid \d+, memory limit 48 MiB by "
                                            r"(cgroup v2 memory\.max \(\S+\)|RLIMIT_AS \(.+\))")
        # Without the key (the same app, another version): no limit.
        src2 = source_app(os.path.join(self.tmp, "src-hog2"), name="hog", version="0.0.2", script=HOG)
        self.assertTrue(self.register(src2)["success"])
        r = self.mutation("startApp", 'name: "hog", args: ["128"]')
        self.assertEqual(r, {"success": True, "errors": ""})


if __name__ == "__main__":
    main()
