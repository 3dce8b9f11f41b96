"""What the CLI suites share: the binary and the fixtures, running the CLI, and a test case
with a folder of its own (setUp makes it, tearDown removes it)."""
import hashlib
import os
import shutil
import subprocess
import tempfile
import unittest

CLI = os.environ.get("PATHWAY_CLI", "build/bin/pathway-cli")
FIXTURES = os.environ.get("PATHWAY_FIXTURES", os.path.join(os.path.dirname(__file__), "..", "fixtures"))


def run(*args, env=None):
    """The CLI with `args`; a passphrase in the caller's environment is never passed on."""
    full = dict(os.environ)
    full.pop("PATHWAY_PASSPHRASE", None)
    full.update(env or {})
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=120, env=full)


def read(path, mode="r"):
    with open(path, mode) as f:
        return f.read()


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class FolderCase(unittest.TestCase):
    """self.dir is the test's own folder; self.file its portfolio.json (not made here: call
    copy_fixture_portfolio() or init one)."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.file = self.path("portfolio.json")

    def tearDown(self):
        self.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.dir, name)

    def copy_fixture_portfolio(self):
        shutil.copy(os.path.join(FIXTURES, "portfolio-v1.json"), self.file)

    def ok(self, *args, env=None):
        r = run(*args, env=env)
        self.assertEqual(r.returncode, 0, f"{args}: {r.stdout} {r.stderr}")
        return r

    def user_error(self, *args, env=None):
        """Exit 1 with one line on stderr."""
        r = run(*args, env=env)
        self.assertEqual(r.returncode, 1, f"{args}: {r.stdout} {r.stderr}")
        self.assertEqual(len(r.stderr.strip().splitlines()), 1, r.stderr)
        return r
