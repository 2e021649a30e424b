"""EPS-1..EPS-12 (services/sim-eps-service/README.md): the real sim-eps-service
against the real sim-eps, over HTTP, on a free port in a temporary directory."""
import os
import threading
import time
import unittest

from harness import Service, SimEps, tempdir, wait_for


class SimEpsService(unittest.TestCase):
    def setUp(self):
        self.tmp = tempdir()
        self.link = os.path.join(self.tmp.name, "eps-tty")
        self.sim = SimEps(self.link)
        self.svc = Service(self.tmp.name, self.link)

    def tearDown(self):
        self.assertEqual(self.svc.stop(), 0, "sim-eps-service must exit 0 on SIGTERM")
        self.sim.stop()
        self.tmp.cleanup()

    def q(self, query, variables=None):
        return self.svc.query(query, variables)

    def test_EPS1_ping_and_config(self):
        r = self.q("{ping config}")
        self.assertEqual(r["data"]["ping"], "pong")
        self.assertIn('"bus":"%s"' % self.link, r["data"]["config"])

    def test_EPS2_power_and_telemetry_are_real(self):
        r = self.q("{power{state uptime} telemetry{batteryVoltage batteryCurrent temperature uptime "
                   "powerState resetCount batteryCharge}}")
        self.assertNotIn("errors", r)
        self.assertEqual(r["data"]["power"]["state"], "ON")
        t = r["data"]["telemetry"]
        self.assertTrue(7.0 < t["batteryVoltage"] < 8.6)
        self.assertTrue(0.3 < t["batteryCurrent"] < 0.6)
        self.assertEqual(t["powerState"], "ON")
        self.assertEqual(list(t.keys()), ["batteryVoltage", "batteryCurrent", "temperature", "uptime",
                                          "powerState", "resetCount", "batteryCharge"])

    def test_EPS3_noop_round_trip(self):
        self.assertEqual(self.q("mutation{noop}"), {"data": {"noop": True}})

    def test_EPS4_control_power(self):
        r = self.q("mutation($s: PowerStateEnum!){controlPower(input:{state:$s}){power{state uptime}}}", {"s": "OFF"})
        self.assertEqual(r["data"]["controlPower"]["power"]["state"], "OFF")
        self.assertEqual(self.q("{power{state}}")["data"]["power"]["state"], "OFF")
        r = self.q("mutation{controlPower(input:{state:RESET}){power{state uptime}}}")
        self.assertEqual(r["data"]["controlPower"]["power"], {"state": "RESET", "uptime": 0})
        time.sleep(0.4)
        r = self.q("{power{state} telemetry{resetCount}}")
        self.assertEqual(r["data"], {"power": {"state": "ON"}, "telemetry": {"resetCount": 1}})

    def test_EPS5_command_raw_hex_str_read(self):
        r = self.q('mutation{commandRaw(input:{command:"version",format:STR}){response format}}')
        self.assertEqual(r, {"data": {"commandRaw": {"response": "SIM-EPS 1.0.0", "format": "STR"}}})
        r = self.q('mutation{commandRaw(input:{command:"76657273696f6e",format:HEX,read:3}){response format}}')
        self.assertEqual(r, {"data": {"commandRaw": {"response": "53494d", "format": "HEX"}}})
        r = self.q('mutation{commandRaw(input:{command:"01001003",format:HEX}){response format}}')
        self.assertEqual(r, {"data": {"commandRaw": {"response": "5b80a5", "format": "HEX"}}})

    def test_EPS6_bad_hex_is_a_field_error(self):
        r = self.q('mutation{commandRaw(input:{command:"0g",format:HEX}){response}}')
        self.assertEqual(r["data"], {"commandRaw": None})
        self.assertEqual(r["errors"][0]["path"], ["commandRaw"])
        self.assertIn("hex", r["errors"][0]["message"].lower())
        self.assertEqual(self.q("{ping}")["data"]["ping"], "pong")  # still alive

    def test_EPS7_unplug_makes_device_fields_errors_and_replug_heals(self):
        self.assertEqual(self.q("mutation{noop}")["data"]["noop"], True)
        self.sim.stop()  # unplug
        r = self.q("{ping power{state} telemetry{uptime}}")
        self.assertEqual(r["data"], {"ping": "pong", "power": None, "telemetry": None})
        self.assertEqual(len(r["errors"]), 2)
        self.assertIn(self.link, r["errors"][0]["message"])
        r = self.q("mutation{noop}")
        self.assertIsNone(r["data"]["noop"])
        self.assertTrue(r["errors"])
        self.sim = SimEps(self.link)  # plug back in, same path, no service restart
        r = self.q("{power{state}}")
        self.assertEqual(r, {"data": {"power": {"state": "ON"}}})
        self.assertEqual(self.q("mutation{noop}"), {"data": {"noop": True}})

    def test_EPS8_silent_device_times_out_and_ping_keeps_answering(self):
        self.sim.proc.send_signal(19)  # SIGSTOP: the board hangs
        try:
            result = {}
            t = threading.Thread(target=lambda: result.update(r=self.q("{power{state}}")))
            t.start()
            t0 = time.monotonic()
            self.assertEqual(self.q("{ping}")["data"]["ping"], "pong")
            self.assertLess(time.monotonic() - t0, 0.25, "ping waited for the hung device")
            t.join(10)
            self.assertIsNone(result["r"]["data"]["power"])
            self.assertIn("did not answer within 300 ms", result["r"]["errors"][0]["message"])
        finally:
            self.sim.proc.send_signal(18)  # SIGCONT
        self.assertTrue(wait_for(lambda: self.q("{power{state}}").get("data", {}).get("power") is not None))


class SimEpsServiceConfig(unittest.TestCase):
    def test_EPS9_missing_bus_key_is_a_clear_config_error(self):
        import subprocess
        from harness import BIN, free_port
        with tempdir() as tmp:
            cfg = os.path.join(tmp, "c.toml")
            with open(cfg, "w") as f:
                f.write('[sim-eps-service.addr]\nip = "127.0.0.1"\nport = %d\n' % free_port())
            r = subprocess.run([os.path.join(BIN, "sim-eps-service"), "-c", cfg], capture_output=True, timeout=10)
            self.assertEqual(r.returncode, 1)
            err = r.stderr.decode()
            self.assertIn(cfg, err)
            self.assertIn("bus", err)

    def test_EPS10_limits_come_from_the_service_section(self):
        # kubos::service::Service reads the HTTP and engine limits from [sim-eps-service].
        with tempdir() as tmp:
            link = os.path.join(tmp, "eps-tty")
            sim = SimEps(link)
            svc = Service(tmp, link, extra="max-body-bytes = 400\nmax-query-depth = 2\n")
            try:
                self.assertEqual(svc.query("{power{state}}"), {"data": {"power": {"state": "ON"}}})
                r = svc.query("{telemetry{uptime} power{state}}")
                self.assertNotIn("errors", r)
                r = svc.query("{__schema{types{fields{name}}}}")
                self.assertIn("exceeds the maximum depth of 2", r["errors"][0]["message"])
                status, body = svc.post(('{"query":"{ping}","pad":"%s"}' % ("x" * 500)).encode())
                self.assertEqual(status, 413, body)
                self.assertIn(b"400", body)
            finally:
                self.assertEqual(svc.stop(), 0)
                sim.stop()

    def test_EPS11_port_in_use_fails_naming_the_address(self):
        import socket
        import subprocess
        from harness import BIN
        with tempdir() as tmp, socket.socket() as busy:
            busy.bind(("127.0.0.1", 0))
            busy.listen(1)
            port = busy.getsockname()[1]
            cfg = os.path.join(tmp, "c.toml")
            with open(cfg, "w") as f:
                f.write('[sim-eps-service]\nbus = "%s/none"\n[sim-eps-service.addr]\nip = "127.0.0.1"\nport = %d\n'
                        % (tmp, port))
            r = subprocess.run([os.path.join(BIN, "sim-eps-service"), "-c", cfg], capture_output=True, timeout=10)
            self.assertEqual(r.returncode, 1)
            err = r.stderr.decode()
            self.assertIn("127.0.0.1:%d" % port, err)
            self.assertIn(cfg, err)
            # Refused before the device was touched: no "device not ready" warning.
            self.assertNotIn("device", err)

    def test_EPS12_bad_limit_is_a_config_error(self):
        import subprocess
        from harness import BIN, free_port
        with tempdir() as tmp:
            cfg = os.path.join(tmp, "c.toml")
            with open(cfg, "w") as f:
                f.write('[sim-eps-service]\nbus = "/dev/null"\nworkers = 0\n'
                        '[sim-eps-service.addr]\nip = "127.0.0.1"\nport = %d\n' % free_port())
            r = subprocess.run([os.path.join(BIN, "sim-eps-service"), "-c", cfg], capture_output=True, timeout=10)
            self.assertEqual(r.returncode, 1)
            err = r.stderr.decode()
            self.assertIn(cfg, err)
            self.assertIn("sim-eps-service.workers", err)


if __name__ == "__main__":
    unittest.main(verbosity=2)
