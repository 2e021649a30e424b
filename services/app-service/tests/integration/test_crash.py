"""SIGKILL of the service at random points of 200 register / setVersion /
uninstall operations; after each, a restart must load the old state or the new
one, never a half one, and never lose another app (docs/app-service.md,
"Atomic changes")."""
import os
import random
import signal
import threading
import time

from apptest import AppServiceCase, k, main, source_app, write

OPS = int(os.environ.get("APP_CRASH_OPS", "200"))
# Kill points are spread over 0..1.3x an operation's measured duration (fsyncs
# make it 10-300 ms depending on the disk).
SPREAD = 1.3


class Crash(AppServiceCase):
    def state(self):
        apps = self.apps('(name: "app")')
        versions = frozenset(a["app"]["version"] for a in apps)
        active = [a["app"]["version"] for a in apps if a["active"]]
        self.assertLessEqual(len(active), 1, apps)
        return versions, (active[0] if active else None)

    def check_disk(self, versions, active):
        app_dir = os.path.join(self.reg, "app")
        on_disk = frozenset(v for v in (os.listdir(app_dir) if os.path.isdir(app_dir) else []) if not v.startswith("."))
        self.assertEqual(on_disk, versions)
        for v in on_disk:
            self.assertTrue(os.path.isfile(os.path.join(app_dir, v, "app.toml")), v)
            self.assertEqual(len(os.listdir(os.path.join(app_dir, v))), 12, v)  # 10 files + manifest + app.toml
        link = os.path.join(self.reg, "active", "app")
        if active:
            self.assertEqual(os.path.basename(os.readlink(link)), active)
        else:
            self.assertFalse(os.path.lexists(link))
        self.assertEqual(os.listdir(os.path.join(self.reg, ".staging")), [])
        keeper = self.apps('(name: "keeper")')
        self.assertEqual(keeper, [{"active": True, "app": {"name": "keeper", "version": "1"}}])

    def calibrate(self):
        """Median time of each kind of operation on this disk, uninterrupted."""
        times = {"register": [], "setVersion": [], "uninstall": []}
        for i in range(3):
            src = self.app_source("cal", "c%d" % i)
            for kind, q in (("register", 'mutation { register(path: "%s") { success } }' % src),
                            ("setVersion", 'mutation { setVersion(name: "cal", version: "c0") { success } }')):
                t = time.monotonic()
                k.graphql(self.svc.port, q)
                times[kind].append(time.monotonic() - t)
        for i in range(3):
            t = time.monotonic()
            k.graphql(self.svc.port, 'mutation { uninstall(name: "cal", version: "c%d") { success } }' % i)
            times["uninstall"].append(time.monotonic() - t)
        return {kind: sorted(v)[1] for kind, v in times.items()}

    def app_source(self, name, v):
        src = source_app(os.path.join(self.tmp, "src-%s-%s" % (name, v)), name=name, version=v)
        for n in range(9):
            write(os.path.join(src, "f%d" % n), os.urandom(2048).hex())
        return src

    def test_APP_26_sigkill_during_200_operations_leaves_old_or_new_state(self):
        seed = int(os.environ.get("APP_CRASH_SEED", str(int(time.time()))))
        rng = random.Random(seed)
        print("crash test seed", seed)
        self.start()
        self.assertTrue(self.register(source_app(os.path.join(self.tmp, "keeper"), name="keeper", version="1"))["success"])
        dur = self.calibrate()
        print("crash test: measured durations (s)", dur)
        versions, active = frozenset(), None
        next_version = 0
        kills_mid_op = 0
        outcomes = {"old": 0, "new": 0}
        started = time.monotonic()
        for i in range(OPS):
            op = rng.random()
            if not versions or (op < 0.45 and len(versions) < 6):
                v = "v%d" % next_version
                next_version += 1
                src = self.app_source("app", v)
                query = 'mutation { register(path: "%s") { success } }' % src
                kind = "register"
                new = (versions | {v}, v)
            elif op < 0.75:
                v = rng.choice(sorted(versions))
                query = 'mutation { setVersion(name: "app", version: "%s") { success } }' % v
                kind = "setVersion"
                new = (versions, v)
            elif op < 0.95 or len(versions) == 1:
                v = rng.choice(sorted(versions))
                query = 'mutation { uninstall(name: "app", version: "%s") { success } }' % v
                kind = "uninstall"
                new = (versions - {v}, None if v == active else active)
            else:
                query = 'mutation { uninstall(name: "app") { success } }'
                kind = "uninstall"
                new = (frozenset(), None)
            old = (versions, active)
            done = threading.Event()

            def send(q=query):
                try:
                    k.graphql(self.svc.port, q, timeout=5)
                except Exception:
                    pass
                done.set()
            t = threading.Thread(target=send)
            t.start()
            time.sleep(rng.uniform(0, SPREAD * dur[kind]))
            if not done.is_set():
                kills_mid_op += 1
            self.svc.stop(sig=signal.SIGKILL)
            t.join()
            self.svc = None
            self.start()
            got = self.state()
            self.assertIn(got, (old, new), "op %d (%s): got %r, expected old %r or new %r (seed %d)"
                          % (i, query, got, old, new, seed))
            self.check_disk(*got)
            if old != new:
                outcomes["new" if got == new else "old"] += 1
            versions, active = got
        print("crash test: %d operations, %d killed before their answer, %d left the old state, %d the new, %.1f s"
              % (OPS, kills_mid_op, outcomes["old"], outcomes["new"], time.monotonic() - started))
        # Both outcomes must occur, or the kills did not land inside the operations.
        self.assertGreater(outcomes["old"], OPS // 10)
        self.assertGreater(outcomes["new"], OPS // 10)


if __name__ == "__main__":
    main()
