"""The pathway-cli contract, exercised on the real binary (PATHWAY_CLI)."""
import json
import os
import subprocess
import tempfile
import unittest

CLI = os.environ.get("PATHWAY_CLI", "build/bin/pathway-cli")


def run(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=60)


class CliTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.file = os.path.join(self.tmp.name, "portfolio.json")

    def tearDown(self):
        self.tmp.cleanup()

    def init(self, *extra):
        r = run("init", self.file, "--name", "Casey Invented", *extra)
        self.assertEqual(r.returncode, 0, r.stderr)
        return r

    def test_init_add_list_round_trip(self):
        self.init("--setting", "adults", "--stage", "asye", "--asye-start", "2026-09-01",
                  "--fte", "0.6", "--reg", "SW123456")
        r = run("add", self.file, "cpd", "--title", "Court skills", "--date", "2026-10-01",
                "--hours", "3", "--type", "course", "--tag", "pcf:5", "--tag", "swe:4.3")
        self.assertEqual(r.returncode, 0, r.stderr)
        entry_id = r.stdout.strip()
        self.assertRegex(entry_id, r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
        listed = run("list", self.file, "--json")
        self.assertEqual(listed.returncode, 0, listed.stderr)
        entries = json.loads(listed.stdout)
        self.assertEqual(len(entries), 1)
        self.assertEqual(entries[0]["id"], entry_id)
        self.assertEqual(entries[0]["title"], "Court skills")
        self.assertEqual(entries[0]["fields"]["hours"], 3)
        self.assertEqual(entries[0]["tags"], ["pcf:5", "swe:4.3"])
        text = run("list", self.file)
        self.assertIn("Court skills", text.stdout)
        with open(self.file) as f:
            doc = json.load(f)
        self.assertEqual(doc["profile"]["setting"], "adults")
        self.assertEqual(doc["profile"]["fte"], 0.6)
        self.assertEqual(doc["profile"]["registration_number"], "SW123456")

    def test_every_kind_can_be_added_and_filtered(self):
        self.init()
        kinds = ["cpd", "reflection", "supervision", "observation", "feedback", "written", "review", "goal"]
        for kind in kinds:
            r = run("add", self.file, kind, "--title", f"A {kind}", "--date", "2026-10-02")
            self.assertEqual(r.returncode, 0, f"{kind}: {r.stderr}")
        r = run("add", self.file, "reflection", "--title", "Gibbs", "--model", "gibbs",
                "--field", "gibbs.feelings=Nervous, then calmer")
        self.assertEqual(r.returncode, 0, r.stderr)
        only = json.loads(run("list", self.file, "--kind", "reflection", "--json").stdout)
        self.assertEqual(len(only), 2)
        self.assertEqual(only[1]["fields"]["gibbs.feelings"], "Nervous, then calmer")

    def test_peer_reflection_option(self):
        self.init()
        r = run("add", self.file, "cpd", "--title", "Team session", "--peer-reflection", "Talked it through")
        self.assertEqual(r.returncode, 0, r.stderr)
        entry = json.loads(run("list", self.file, "--json").stdout)[0]
        self.assertEqual(entry["fields"]["peer_learned"], "Talked it through")
        self.assertEqual(entry["fields"]["peer_role"], "peer")

    def test_user_errors_exit_1_with_one_line_and_leave_file_alone(self):
        self.init()
        with open(self.file, "rb") as f:
            before = f.read()
        cases = [
            ("add", self.file, "cpd", "--title", "x", "--date", "2026-02-30"),
            ("add", self.file, "cpd", "--title", "x", "--hours", "many"),
            ("add", self.file, "holiday", "--title", "x"),
            ("add", self.file, "cpd"),
            ("list", os.path.join(self.tmp.name, "missing.json")),
            ("init", self.file, "--name", "Again"),
            ("init", os.path.join(self.tmp.name, "b.json"), "--name", "B", "--reg", "12345"),
        ]
        for args in cases:
            r = run(*args)
            self.assertEqual(r.returncode, 1, f"{args}: {r.stdout} {r.stderr}")
            self.assertEqual(len(r.stderr.strip().splitlines()), 1, r.stderr)
            with open(self.file, "rb") as f:
                self.assertEqual(f.read(), before, args)

    def test_usage_errors_exit_2(self):
        self.init()
        for args in [(), ("frobnicate",), ("init", self.file), ("add", self.file, "cpd", "--nonsense", "1"),
                     ("list",), ("add", self.file, "cpd", "--title")]:
            r = run(*args)
            self.assertEqual(r.returncode, 2, f"{args}: {r.stderr}")

    def test_corrupt_file_is_reported_and_kept(self):
        with open(self.file, "w") as f:
            f.write('{"format": "pathway-portfolio", "schema": 1, "profile": {"name": "x"}, "entries": [')
        with open(self.file, "rb") as f:
            before = f.read()
        r = run("add", self.file, "cpd", "--title", "x")
        self.assertEqual(r.returncode, 1)
        self.assertIn("truncated", r.stderr)
        with open(self.file, "rb") as f:
            self.assertEqual(f.read(), before)


if __name__ == "__main__":
    unittest.main()
