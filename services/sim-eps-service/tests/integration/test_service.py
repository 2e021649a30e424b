"""Integration requirements of services/sim-eps-service/README.md: the real
sim-eps-service against the real sim-eps, over HTTP, on a free port in a
temporary directory."""
import os
import socket
import subprocess
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "tests", "python"))
import kubos_testlib as k  # noqa: E402
from sim_eps_testlib import SimEps  # noqa: E402

SERVICE = "sim-eps-service"


def start_service(tmp, bus, timeout_ms=300, extra=""):
    """The service on a generated config: bus, timeout_ms and `extra` key lines."""
    return k.ServiceProcess(SERVICE, tmp, settings='bus = "%s"\ntimeout_ms = %d\n%s' % (bus, timeout_ms, extra))


def run_once(tmp, config_text):
    """Runs the binary on a config it must refuse: (exit status, stderr, config path)."""
    cfg = os.path.join(tmp, "c.toml")
    with open(cfg, "w") as f:
        f.write(config_text)
    r = subprocess.run([k.binary(SERVICE), "-c", cfg], capture_output=True, timeout=10)
    return r.returncode, r.stderr.decode(), cfg


class SimEpsService(unittest.TestCase):
    def setUp(self):
        self.tmp = k.tempdir()
        self.link = os.path.join(self.tmp.name, "eps-tty")
        self.sim = SimEps(self.link)
        self.svc = start_service(self.tmp.name, self.link)

    def tearDown(self):
        self.assertEqual(self.svc.stop(), 0, "sim-eps-service must exit 0 on SIGTERM")
        self.sim.stop()
        self.tmp.cleanup()

    def q(self, query, variables=None):
        return self.svc.query(query, variables)

    def test_EPS_15_ping_and_config(self):
        r = self.q("{ping config}")
        self.assertEqual(r["data"]["ping"], "pong")
        self.assertIn('"bus":"%s"' % self.link, r["data"]["config"])
        self.assertIn('"timeout_ms":300', r["data"]["config"])  # the key names the user writes

    def test_EPS_16_power_and_telemetry_are_real(self):
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

    def test_EPS_17_noop_round_trip(self):
        self.assertEqual(self.q("mutation{noop}"), {"data": {"noop": True}})

    def test_EPS_18_control_power(self):
        r = self.q("mutation($s: PowerStateEnum!){controlPower(input:{state:$s}){power{state uptime}}}", {"s": "OFF"})
        self.assertEqual(r["data"]["controlPower"]["power"]["state"], "OFF")
        self.assertEqual(self.q("{power{state}}")["data"]["power"]["state"], "OFF")
        r = self.q("mutation{controlPower(input:{state:RESET}){power{state uptime}}}")
        self.assertEqual(r["data"]["controlPower"]["power"], {"state": "RESET", "uptime": 0})
        # The board's reset lasts 250 ms; then it is ON with one reset counted.
        self.assertTrue(k.wait_for(lambda: self.q("{power{state}}")["data"]["power"]["state"] == "ON", timeout=3))
        r = self.q("{power{state} telemetry{resetCount}}")
        self.assertEqual(r["data"], {"power": {"state": "ON"}, "telemetry": {"resetCount": 1}})

    def test_EPS_19_command_raw_hex_str_read(self):
        r = self.q('mutation{commandRaw(input:{command:"version",format:STR}){response format}}')
        self.assertEqual(r, {"data": {"commandRaw": {"response": "SIM-EPS 1.0.0", "format": "STR"}}})
        r = self.q('mutation{commandRaw(input:{command:"76657273696f6e",format:HEX,read:3}){response format}}')
        self.assertEqual(r, {"data": {"commandRaw": {"response": "53494d", "format": "HEX"}}})
        r = self.q('mutation{commandRaw(input:{command:"01001003",format:HEX}){response format}}')
        self.assertEqual(r, {"data": {"commandRaw": {"response": "5b80a5", "format": "HEX"}}})

    def test_EPS_20_bad_hex_is_a_field_error(self):
        r = self.q('mutation{commandRaw(input:{command:"0g",format:HEX}){response}}')
        self.assertEqual(r["data"], {"commandRaw": None})
        self.assertEqual(r["errors"][0]["path"], ["commandRaw"])
        self.assertIn("hex", r["errors"][0]["message"].lower())
        self.assertEqual(self.q("{ping}")["data"]["ping"], "pong")  # still alive

    def test_EPS_21_unplug_makes_device_fields_errors_and_replug_heals(self):
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

    def test_EPS_22_silent_device_times_out_and_ping_keeps_answering(self):
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
        self.assertTrue(k.wait_for(lambda: self.q("{power{state}}").get("data", {}).get("power") is not None))


class SimEpsServiceConfig(unittest.TestCase):
    def test_EPS_23_missing_bus_key_is_a_clear_config_error(self):
        with k.tempdir() as tmp:
            rc, err, cfg = run_once(tmp, '[sim-eps-service.addr]\nip = "127.0.0.1"\nport = %d\n' % k.free_port())
            self.assertEqual(rc, 1)
            self.assertIn(cfg, err)
            self.assertIn("bus", err)

    def test_EPS_24_limits_come_from_the_service_section(self):
        # kubos::service::Service reads the HTTP and engine limits from [sim-eps-service].
        with k.tempdir() as tmp:
            link = os.path.join(tmp, "eps-tty")
            sim = SimEps(link)
            svc = start_service(tmp, link, extra="max-body-bytes = 400\nmax-query-depth = 2\n")
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

    def test_EPS_25_port_in_use_fails_naming_the_address(self):
        with k.tempdir() as tmp, socket.socket() as busy:
            busy.bind(("127.0.0.1", 0))
            busy.listen(1)
            port = busy.getsockname()[1]
            rc, err, cfg = run_once(tmp, '[sim-eps-service]\nbus = "%s/none"\n[sim-eps-service.addr]\n'
                                         'ip = "127.0.0.1"\nport = %d\n' % (tmp, port))
            self.assertEqual(rc, 1)
            self.assertIn("127.0.0.1:%d" % port, err)
            self.assertIn(cfg, err)
            # Refused before the device was touched: no "device not ready" warning.
            self.assertNotIn("device", err)

    def test_EPS_26_bad_limit_is_a_config_error(self):
        with k.tempdir() as tmp:
            rc, err, cfg = run_once(tmp, '[sim-eps-service]\nbus = "/dev/null"\nworkers = 0\n'
                                         '[sim-eps-service.addr]\nip = "127.0.0.1"\nport = %d\n' % k.free_port())
            self.assertEqual(rc, 1)
            self.assertIn(cfg, err)
            self.assertIn("sim-eps-service.workers", err)


if __name__ == "__main__":
    unittest.main(verbosity=2)
