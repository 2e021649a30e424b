"""Mission apps under the service: the C++ example on lib/app (examples/eps-monitor)
and a KubOS Python app that queries a service through the config it is given."""
import http.server
import json
import os
import threading

from apptest import AppServiceCase, PYTHON_PROJ, k, main, mock_app, write

APPS = os.path.join(os.path.dirname(k.BIN.rstrip("/")), "apps")


class FakeEps(http.server.BaseHTTPRequestHandler):
    """Answers every POST like sim-eps-service's telemetry query."""
    charge = 12.5

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        assert "telemetry" in body["query"]
        out = json.dumps({"data": {"telemetry": {"batteryVoltage": 7.1, "batteryCharge": FakeEps.charge}}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    def log_message(self, *a):
        pass


class MissionApps(AppServiceCase):
    def setUp(self):
        super().setUp()
        self.eps = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeEps)
        threading.Thread(target=self.eps.serve_forever, daemon=True).start()

    def tearDown(self):
        self.eps.shutdown()
        self.eps.server_close()
        super().tearDown()

    def config(self):
        with open(self.svc.config, "a") as f:
            f.write('\n[sim-eps-service.addr]\nip = "127.0.0.1"\nport = %d\n' % self.eps.server_address[1])
        return self.svc.config

    def test_APPLIB_6_example_app_warns_below_threshold(self):
        self.start(args=["-l", "debug"], stdout=True)
        src = os.path.join(APPS, "eps-monitor")
        self.assertTrue(os.path.exists(os.path.join(src, "eps-monitor")), "build examples/eps-monitor first")
        self.assertTrue(self.register(src)["success"])
        cfg = self.config()
        r = self.mutation("startApp", 'name: "eps-monitor", config: %s, args: ["--threshold", "20"]' % json.dumps(cfg),
                          "success errors")
        self.assertEqual(r, {"success": True, "errors": ""})
        self.wait_status(lambda s: not s[0]["running"], "eps-monitor")
        self.assertEqual(self.status("eps-monitor")[0]["lastRc"], 0)
        self.assertTrue(k.wait_for(lambda: "battery low" in self.svc.stderr(), timeout=3))
        self.assertRegex(self.svc.stderr(), r"eps-monitor\[\d+\] stdout: \S+ warn battery low: 12.5 % \(7.1 V\), below 20 %")

    def test_APPLIB_7_example_app_onboot_loop_stops_on_sigterm(self):
        self.start(args=["-l", "debug"], stdout=True)
        self.assertTrue(self.register(os.path.join(APPS, "eps-monitor"))["success"])
        FakeEps.charge = 80.0
        cfg = self.config()
        r = self.mutation("startApp", 'name: "eps-monitor", runLevel: "OnBoot", config: %s, args: ["--interval", "1"]'
                          % json.dumps(cfg), "success pid")
        self.assertTrue(r["success"])
        self.assertIsNotNone(r["pid"])
        self.assertTrue(k.wait_for(lambda: "battery ok: 80 %" in self.svc.stderr(), timeout=3))
        self.assertTrue(self.mutation("killApp", 'name: "eps-monitor", runLevel: "OnBoot"')["success"])
        s = self.wait_status(lambda s: not s[0]["running"], "eps-monitor", timeout=2)
        self.assertEqual((s[0]["lastRc"], s[0]["lastSignal"]), (0, None))  # it handled SIGTERM
        FakeEps.charge = 12.5

    def test_APPLIB_8_example_app_reports_unreachable_service(self):
        self.start()
        self.assertTrue(self.register(os.path.join(APPS, "eps-monitor"))["success"])
        r = self.mutation("startApp", 'name: "eps-monitor", config: %s' % json.dumps(self.svc.config), "success errors")
        self.assertEqual(r, {"success": False, "errors": "Failed to start app: App returned exit status: 1"})

    def test_APP_35_kubos_python_app_queries_a_service(self):
        mock_app(self.reg, "python-proj", "1.0", script=PYTHON_PROJ, bin_name="main.py")
        self.start()
        r = self.mutation("startApp", 'name: "python-proj", config: %s, args: ["-q"]' % json.dumps(self.svc.config))
        self.assertTrue(r["success"], r)
        s = self.wait_status(lambda s: not s[0]["running"], "python-proj", timeout=10)
        self.assertEqual(s[0]["lastRc"], 0)
        with open(os.path.join(self.reg, "python-proj", "1.0", "reply.json")) as f:
            self.assertEqual(json.load(f), {"run": "OnCommand", "reply": {"data": {"ping": "pong"}}})


if __name__ == "__main__":
    main()
