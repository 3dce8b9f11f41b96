"""Issue 15, point 5 on the real binary: every command takes --catalog FILE (repeatable), and an
academy's framework file given that way is honoured by status, export, cohort, asye and add; a
bad file stops the command with one clear line and changes nothing."""
import csv
import io
import json
import os
import shutil
import subprocess
import unittest

from cli_support import CLI, FIXTURES, FolderCase, digest, run
ECF = os.path.join(FIXTURES, "frameworks", "early-career-2027.json")  # id early-career, children
ECDP = os.path.join(FIXTURES, "rules", "ecdp-2027.json")
BAD = os.path.join(FIXTURES, "frameworks", "bad-parent.json")
TAG = "early-career:2.1"
TITLE = "Part 2.1 (heading not yet confirmed)"  # the item's title in the academy's file
ON = "2027-10-01"  # the fixture framework is in force from 2027-04-01, the programme from 09-01


class CatalogOptionTest(FolderCase):
    def setUp(self):
        super().setUp()
        self.ok("init", self.file, "--name", "Robin Invented", "--setting", "children",
                "--stage", "asye", "--asye-start", "2027-09-06")
        r = self.ok("add", self.file, "cpd", "--title", "Court skills", "--date", "2027-04-20",
                    "--hours", "2", "--tag", TAG, "--catalog", ECF)
        self.entry = r.stdout.strip()

    def bad_catalog(self, *args):
        """`args` with the bad framework file: exit 1, one line naming the file, nothing changed."""
        before = {n: digest(self.path(n)) for n in os.listdir(self.dir) if os.path.isfile(self.path(n))}
        r = run(*args, "--catalog", ECF, "--catalog", BAD)
        self.assertEqual(r.returncode, 1, f"{args}: {r.stdout} {r.stderr}")
        lines = r.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, r.stderr)
        self.assertIn("--catalog: ", lines[0])
        self.assertIn("bad-parent.json", lines[0])
        self.assertIn("parent", lines[0])
        self.assertIn("nothing was changed", lines[0])
        self.assertEqual(r.stdout, "")
        after = {n: digest(self.path(n)) for n in os.listdir(self.dir) if os.path.isfile(self.path(n))}
        self.assertEqual(after, before, f"{args} changed files")
        return r

    def test_every_command_accepts_catalog_repeatedly(self):
        # Each command parses it (its complaint, if any, is about something else), and the
        # general help says so.
        listing = self.ok("--help").stdout
        self.assertIn("--catalog FILE", listing)
        names = [line.split()[0] for line in listing.splitlines() if line.startswith("  ") and not line.startswith("   ")]
        self.assertIn("cohort", names)
        self.assertGreaterEqual(len(names), 15)
        for name in names:
            r = subprocess.run([CLI, name, "--catalog", ECF, "--catalog", ECDP], cwd=self.dir,
                               capture_output=True, text=True, timeout=60)
            self.assertNotIn("unknown option", r.stderr, f"{name}: {r.stderr}")
            r = subprocess.run([CLI, name, "--catalog", BAD], cwd=self.dir,
                               capture_output=True, text=True, timeout=60)
            if r.returncode != 2:  # usage is checked first; then the file, before any work
                self.assertEqual(r.returncode, 1, f"{name}: {r.stderr}")
                self.assertIn("bad-parent.json", r.stderr, name)
        # Commands for which the catalogue has no meaning still take it and work as before.
        self.ok("list", self.file, "--catalog", ECF, "--catalog", ECDP)
        self.ok("fields", "cpd", "--catalog", ECF)
        self.ok("lint", self.file, "--catalog", ECF)
        self.ok("verify", self.file, "--catalog", ECF)

    def test_status_counts_the_academy_framework(self):
        plain = json.loads(self.ok("status", self.file, "--on", ON, "--json").stdout)
        self.assertIn(TAG, plain["unknown_tags"])
        self.assertNotIn(TAG, plain["coverage"])
        withc = json.loads(self.ok("status", self.file, "--on", ON, "--json", "--catalog", ECF).stdout)
        self.assertEqual(withc["unknown_tags"], [])
        self.assertEqual(withc["coverage"][TAG]["count"], 1)
        self.assertEqual(withc["assessed_against"]["early-career"], "2026")
        # Repeatable: a programme rule file beside the framework.
        both = json.loads(self.ok("status", self.file, "--on", ON, "--json",
                                  "--catalog", ECF, "--catalog", ECDP).stdout)
        self.assertEqual(both["coverage"][TAG]["count"], 1)
        # ... and a programme rule file: the academy's two-year programme covers this start.
        self.assertIsNone(plain["asye"])
        self.assertIsInstance(both["asye"], dict)
        self.assertEqual(both["asye"]["end"], "2029-09-06")

    def test_export_names_the_academy_items(self):
        out = self.path("report.html")
        self.ok("export", self.file, "--format", "html", "-o", out, "--today", ON)
        with open(out) as f:
            self.assertNotIn(TITLE, f.read())
        self.ok("export", self.file, "--format", "html", "-o", out, "--today", ON, "--catalog", ECF)
        with open(out) as f:
            page = f.read()
        self.assertIn(TAG, page)
        self.assertIn(TITLE, page)

    def test_cohort_reports_the_academy_framework(self):
        cohort = self.path("cohort")
        os.mkdir(cohort)
        shutil.copy(self.file, os.path.join(cohort, "robin.json"))
        page = self.path("cohort.html")
        self.ok("cohort", cohort, "--format", "html", "-o", page, "--today", ON)
        with open(page) as f:
            self.assertNotIn("Early career (test)", f.read())
        self.ok("cohort", cohort, "--format", "html", "-o", page, "--today", ON, "--catalog", ECF)
        with open(page) as f:
            html = f.read()
        self.assertIn("Early career (test)", html)  # the framework's short title heads its coverage
        table = self.path("cohort.csv")
        self.ok("cohort", cohort, "--format", "csv", "-o", table, "--today", ON, "--catalog", ECF)
        with open(table, newline="") as f:
            rows = list(csv.DictReader(io.StringIO(f.read())))
        self.assertEqual([r["name"] for r in rows], ["Robin Invented"])

    def test_add_notes_tags_outside_the_catalogue(self):
        r = self.ok("add", self.file, "cpd", "--title", "Another", "--tag", TAG)
        self.assertIn("note: " + TAG + " names no item in the catalogue", r.stderr)
        r = self.ok("add", self.file, "cpd", "--title", "Again", "--tag", TAG, "--catalog", ECF)
        self.assertEqual(r.stderr, "")

    def test_bad_catalog_file_changes_nothing(self):
        cohort = self.path("cohort")
        os.mkdir(cohort)
        shutil.copy(self.file, os.path.join(cohort, "robin.json"))
        self.bad_catalog("status", self.file, "--on", ON)
        self.bad_catalog("export", self.file, "--format", "html", "-o", self.path("report.html"))
        self.bad_catalog("cohort", cohort, "--format", "csv", "-o", self.path("cohort.csv"))
        self.bad_catalog("add", self.file, "cpd", "--title", "Not added", "--tag", TAG)
        self.bad_catalog("asye", self.file, "self-assess", "--point", "start", "--item", "1",
                         "--rating", "2")
        self.bad_catalog("import", self.file, "--from", "json", self.file)
        self.assertFalse(os.path.exists(self.path("report.html")))
        self.assertFalse(os.path.exists(self.path("cohort.csv")))
        listed = json.loads(self.ok("list", self.file, "--json").stdout)
        self.assertEqual([e["title"] for e in listed], ["Court skills"])
        # A missing file and a file that is not a catalogue file at all: the same, one line each.
        for path, words in ((self.path("nowhere.json"), "nowhere.json"), (self.file, "not a catalogue")):
            r = run("status", self.file, "--catalog", path)
            self.assertEqual(r.returncode, 1, r.stderr)
            self.assertEqual(len(r.stderr.strip().splitlines()), 1, r.stderr)
            self.assertIn(words, r.stderr)


if __name__ == "__main__":
    unittest.main()
