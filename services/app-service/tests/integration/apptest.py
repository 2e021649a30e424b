"""Helpers for the kubos-app-service integration tests: a service on a free port
with its registry in a temporary directory, KubOS-style app fixtures, and
GraphQL shortcuts. Waiting always has a deadline (kubos_testlib.wait_for)."""
import io
import json
import os
import stat
import sys
import tarfile
import textwrap
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "..", "tests", "python"))
import kubos_testlib as k  # noqa: E402

# Stand-in for KubOS's "rust-proj" test app (see the README's test map):
# -f / pos / "-t test" succeed, -l runs 2 s then exits 0, -s ignores SIGTERM
# and runs until SIGKILL, anything else exits 1.
RUST_PROJ = textwrap.dedent("""\
    #!/bin/sh
    while [ $# -gt 0 ]; do
      case "$1" in
        -r|-c) shift ;;
        -f|pos) exit 0 ;;
        -t) [ "$2" = test ] && exit 0; shift ;;
        -l) exec sleep 2 ;;
        -s) trap '' TERM; while :; do sleep 0.05; done ;;
      esac
      shift
    done
    exit 1
    """)

# A KubOS Python mission app, standard library only: argparse on -r, -c and the
# arguments after --, its config read relative to its own directory.
PYTHON_PROJ = textwrap.dedent("""\
    #!/usr/bin/env python3
    import argparse, json, sys, tomllib, urllib.request

    def main():
        # What the service passes: -r <RunLevel> -c <config> [-- <args...>]
        parser = argparse.ArgumentParser()
        parser.add_argument('-r', '--run', nargs=1, default=['OnCommand'])
        parser.add_argument('-c', '--config', nargs=1)
        parser.add_argument('cmd_args', nargs='*')
        args = parser.parse_args()
        # The app's own options, after --.
        own = argparse.ArgumentParser()
        own.add_argument('-t', nargs=1)
        own.add_argument('-e', action='store_true')
        own.add_argument('-f', action='store_true')
        own.add_argument('-q', action='store_true', help='query the app service')
        own.add_argument('pos', nargs='*')
        opts = own.parse_args(args.cmd_args)
        with open(args.config[0] if args.config else '/etc/kubos-config.toml', 'rb') as f:
            config = tomllib.load(f)
        if opts.e:
            sys.exit(123)
        if opts.q:
            addr = config['app-service']['addr']
            req = urllib.request.Request('http://%s:%d' % (addr['ip'], addr['port']),
                                         data=json.dumps({'query': '{ ping }'}).encode(),
                                         headers={'Content-Type': 'application/json'})
            with urllib.request.urlopen(req, timeout=5) as r:
                reply = json.loads(r.read())
            with open('reply.json', 'w') as f:
                json.dump({'run': args.run[0], 'reply': reply}, f)
            sys.exit(0)
        if opts.f or (opts.t and opts.t[0] == 'test') or 'pos' in opts.pos:
            sys.exit(0)
        sys.exit(1)

    if __name__ == '__main__':
        main()
    """)


def write(path, text, mode=0o644):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    os.chmod(path, mode)


def mock_app(reg, name, version="0.0.1", active=True, author="unknown", config="/etc/kubos-config.toml",
             script="#!/bin/bash\necho Hello, World!\nexit 0\n", bin_name=None):
    """A version directory and app.toml exactly as KubOS writes them (MockAppBuilder)."""
    bin_name = bin_name or name
    vdir = os.path.join(reg, name, version)
    write(os.path.join(vdir, bin_name), script, 0o755)
    lines = ["active_version = %s" % ("true" if active else "false"), "", "[app]",
             'name = "%s"' % name, 'executable = "%s"' % os.path.join(vdir, bin_name),
             'version = "%s"' % version, 'author = "%s"' % author]
    if config is not None:
        lines.append('config = "%s"' % config)
    write(os.path.join(vdir, "app.toml"), "\n".join(lines) + "\n")
    return vdir


def source_app(dir, name="dummy", version="0.0.1", author="user", extra="", exe=None, script="#!/bin/sh\nexit 0\n"):
    """A source directory to register: manifest.toml plus the executable."""
    write(os.path.join(dir, "manifest.toml"),
          'name = "%s"\nversion = "%s"\nauthor = "%s"\n%s' % (name, version, author, extra))
    if exe is not False:
        write(os.path.join(dir, exe or name), script, 0o755)
    return dir


def tgz(src_dir, out, members=None, prefix=""):
    """A .tgz of src_dir's entries (or just `members`), each under `prefix`."""
    with tarfile.open(out, "w:gz") as t:
        for m in members or sorted(os.listdir(src_dir)):
            t.add(os.path.join(src_dir, m), arcname=prefix + m)
    return out


class AppServiceCase(unittest.TestCase):
    """Each test gets a temporary directory with a registry under it."""

    settings = ""

    def setUp(self):
        self._tmp = k.tempdir("app-service-")
        self.tmp = self._tmp.name
        self.reg = os.path.join(self.tmp, "registry")
        self.svc = None

    def tearDown(self):
        if self.svc:
            self.svc.stop(timeout=5)
        self._tmp.cleanup()

    def start(self, args=(), settings=None, stdout=False):
        extra = self.settings if settings is None else settings
        self.svc = k.ServiceProcess("kubos-app-service", self.tmp, section="app-service",
                                    settings='registry-dir = "%s"\n%s' % (self.reg, extra), args=args,
                                    stdout=stdout)
        return self.svc

    def restart(self, sig=15, **kw):
        self.svc.stop(sig=sig)
        self.svc = None
        return self.start(**kw)

    def q(self, query, variables=None):
        return self.svc.query(query, variables)

    def data(self, query, variables=None):
        r = self.q(query, variables)
        self.assertNotIn("errors", r, r)
        return r["data"]

    def mutation(self, field, args, selection="success errors"):
        d = self.data("mutation { %s(%s) { %s } }" % (field, args, selection))
        return d[field]

    def register(self, path, selection="success errors entry { active app { name version } }"):
        return self.mutation("register", "path: %s" % json.dumps(path), selection)

    def status(self, name=None, fields="name version runLevel running pid lastRc lastSignal endTime"):
        a = "(name: %s)" % json.dumps(name) if name else ""
        return self.data("{ appStatus%s { %s } }" % (a, fields))["appStatus"]

    def apps(self, args="", fields="active app { name version }"):
        return self.data("{ registeredApps%s { %s } }" % (args, fields))["registeredApps"]

    def wait_status(self, pred, name=None, timeout=5.0):
        box = {}

        def check():
            box["s"] = self.status(name)
            return pred(box["s"])
        ok = k.wait_for(check, timeout=timeout)
        self.assertTrue(ok, "status never matched: %r" % box.get("s"))
        return box["s"]


def pid_alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False


def main():
    unittest.main(verbosity=2)
