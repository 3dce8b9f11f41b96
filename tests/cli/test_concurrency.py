"""Issue 12: one portfolio file written by several pathway-cli processes at once, and the
file-safety rules (symlinks, modes, read-only, size limit, FIFOs, deep nesting, export onto the
portfolio). cli.concurrency runs CliConcurrency and FileSafety; crash.kill_concurrent_writers
runs KillConcurrentWriters (SIGKILLs writers at random moments)."""
import json
import os
import random
import signal
import stat
import subprocess
import tempfile
import time
import unittest

CLI = os.environ.get("PATHWAY_CLI", "build/bin/pathway-cli")


def run(*args, timeout=60):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=timeout)


def start(*args):
    return subprocess.Popen([CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


class Base(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.file = os.path.join(self.dir, "portfolio.json")
        r = run("init", self.file, "--name", "Casey Invented")
        self.assertEqual(r.returncode, 0, r.stderr)

    def tearDown(self):
        self.tmp.cleanup()

    def entries(self, path=None):
        r = run("list", path or self.file, "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        return json.loads(r.stdout)

    def add(self, title, path=None):
        r = run("add", path or self.file, "cpd", "--title", title, "--date", "2026-10-01", "--hours", "1")
        self.assertEqual(r.returncode, 0, r.stderr)
        return r.stdout.strip()

    def read(self, path):
        with open(path, "rb") as f:
            return f.read()


class CliConcurrency(Base):
    def test_twenty_adds_at_once_make_twenty_entries(self):
        procs = [start("add", self.file, "cpd", "--title", f"Session {i}", "--date", "2026-10-01",
                       "--hours", "1") for i in range(20)]
        ids = []
        for p in procs:
            out, err = p.communicate(timeout=120)
            self.assertEqual(p.returncode, 0, err)
            ids.append(out.strip())
        entries = self.entries()
        self.assertEqual(len(entries), 20)
        self.assertEqual(sorted(e["id"] for e in entries), sorted(ids))
        self.assertEqual(json.loads(self.read(self.file))["revision"], 20, "one count per save")
        # The kept previous copy loads and holds 19 of them.
        self.assertEqual(len(self.entries(self.file + ".bak")), 19)
        leftovers = [n for n in os.listdir(self.dir) if ".tmp" in n]
        self.assertEqual(leftovers, [])

    def test_asye_records_and_adds_at_once_keep_every_change(self):
        """Issue 14's asye command writes under the lock too: leave, hours and people recorded
        while entries are added all survive."""
        procs = [start("asye", self.file, "leave", "--from", f"2027-0{i + 1}-01", "--to",
                       f"2027-0{i + 1}-05", "--kind", "sickness") for i in range(5)]
        procs += [start("asye", self.file, "person", "--role", "assessor", "--name", "Jo Invented",
                        "--registered", "yes"),
                  start("asye", self.file, "hours", "--from", "2027-07-01", "--fte", "0.8")]
        procs += [start("add", self.file, "cpd", "--title", f"Session {i}", "--date", "2026-10-01",
                        "--hours", "1") for i in range(5)]
        for p in procs:
            _, err = p.communicate(timeout=120)
            self.assertEqual(p.returncode, 0, err)
        doc = json.loads(self.read(self.file))
        asye = doc["profile"]["asye"]
        self.assertEqual(sorted(l["from"] for l in asye["leave"]),
                         [f"2027-0{i + 1}-01" for i in range(5)])
        self.assertEqual(asye["people"][0]["name"], "Jo Invented")
        self.assertEqual(asye["fte_changes"], [{"from": "2027-07-01", "fte": 0.8}])
        self.assertEqual(len(doc["entries"]), 5)
        self.assertEqual(doc["revision"], 12)

    def test_self_assessment_and_goals_at_once_keep_every_change(self):
        """Issue 14 points 10-11: ratings and goals written at once, under the lock, all kept."""
        procs = [start("asye", self.file, "self-assess", "--point", "start", "--item", str(i + 1),
                       "--rating", str(i % 4 + 1), "--on", "2026-09-10") for i in range(10)]
        procs += [start("asye", self.file, "goal", "--title", f"Goal {i}", "--review", "3m")
                  for i in range(4)]
        for p in procs:
            _, err = p.communicate(timeout=120)
            self.assertEqual(p.returncode, 0, err)
        doc = json.loads(self.read(self.file))
        ratings = doc["profile"]["asye"]["self_assessment"]
        self.assertEqual(sorted(r["item"] for r in ratings), sorted(f"kss-cf:{i + 1}" for i in range(10)))
        self.assertEqual(sorted(e["title"] for e in doc["entries"]), [f"Goal {i}" for i in range(4)])
        self.assertEqual(doc["revision"], 14)

    def test_merge_add_and_import_at_once_keep_every_change(self):
        first = self.add("Court skills")
        fb = os.path.join(self.dir, "feedback.json")
        r = run("review", self.file, "--reviewer", "Morgan Mentor", "--comment", first, "Well argued", "-o", fb)
        self.assertEqual(r.returncode, 0, r.stderr)
        csv = os.path.join(self.dir, "training.csv")
        with open(csv, "w") as f:
            f.write("Title,Date,Hours\nSafeguarding update,2026-09-12,3\n")
        procs = [start("merge", self.file, fb),
                 start("add", self.file, "reflection", "--title", "After the visit", "--date", "2026-10-03"),
                 start("import", self.file, "--from", "csv", csv)]
        for p in procs:
            _, err = p.communicate(timeout=120)
            self.assertEqual(p.returncode, 0, err)
        titles = {e["title"] for e in self.entries()}
        self.assertEqual(titles, {"Court skills", "After the visit", "Safeguarding update"})
        doc = json.loads(self.read(self.file))
        self.assertEqual([c["text"] for c in doc["comments"]], ["Well argued"])

    def test_deleted_entry_is_not_brought_back_by_an_older_backup(self):
        keep = self.add("Kept")
        self.add("Gone")
        backup = os.path.join(self.dir, "backup.json")
        r = run("export", self.file, "--format", "json", "-o", backup)
        self.assertEqual(r.returncode, 0, r.stderr)
        doc = json.loads(self.read(self.file))
        gone = [e["id"] for e in doc["entries"] if e["title"] == "Gone"][0]
        # Delete it the way the app does (a tombstone), by importing a copy that deleted it.
        doc["entries"] = [e for e in doc["entries"] if e["id"] != gone]
        doc["tombstones"] = [{"id": gone, "deleted": "2026-11-01T10:00:00Z"}]
        deleted = os.path.join(self.dir, "deleted.json")
        with open(deleted, "w") as f:
            json.dump(doc, f)
        self.assertEqual(run("import", self.file, "--from", "json", deleted).returncode, 0)
        self.assertEqual([e["id"] for e in self.entries()], [keep])
        r = run("import", self.file, "--from", "json", backup)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual([e["id"] for e in self.entries()], [keep], "the backup does not revive it")


class FileSafety(Base):
    def test_symlink_planted_at_the_temporary_name_is_not_followed(self):
        victim = os.path.join(self.dir, "victim.txt")
        with open(victim, "w") as f:
            f.write("precious\n")
        os.symlink(victim, self.file + ".tmp")
        os.symlink(victim, self.file + ".bak.tmp")
        self.add("Court skills")
        with open(victim) as f:
            self.assertEqual(f.read(), "precious\n")
        self.assertEqual(len(self.entries()), 1)

    def test_symlinked_portfolio_is_saved_to_its_target(self):
        os.mkdir(os.path.join(self.dir, "sync"))
        target = os.path.join(self.dir, "sync", "real.json")
        os.rename(self.file, target)
        os.symlink(os.path.join("sync", "real.json"), self.file)
        self.add("Through the link")
        self.assertTrue(os.path.islink(self.file), "the link stays a link")
        self.assertEqual(len(self.entries(target)), 1)

    def test_mode_is_kept_and_read_only_is_refused(self):
        os.chmod(self.file, 0o644)
        self.add("One")
        self.assertEqual(stat.S_IMODE(os.stat(self.file).st_mode), 0o644)
        os.chmod(self.file, 0o444)
        before = self.read(self.file)
        r = run("add", self.file, "cpd", "--title", "Two", "--date", "2026-10-01")
        self.assertEqual(r.returncode, 1)
        self.assertIn("read-only", r.stderr)
        self.assertEqual(self.read(self.file), before)

    def test_over_limit_import_is_refused_with_the_file_unchanged(self):
        # Two backups of 40 MB each: either loads, together they pass the 64 MB limit.
        def backup(name, tag):
            doc = json.loads(self.read(self.file))
            doc["entries"] = [{"id": f"{tag}-{i}", "kind": "cpd", "title": f"Big {tag} {i}",
                               "date": "2026-10-01", "fields": {"description": "x" * 400_000},
                               "tags": []} for i in range(100)]
            path = os.path.join(self.dir, name)
            with open(path, "w") as f:
                json.dump(doc, f)
            return path
        a, b = backup("a.json", "a"), backup("b.json", "b")
        r = run("import", self.file, "--from", "json", a)
        self.assertEqual(r.returncode, 0, r.stderr)
        before = self.read(self.file)
        r = run("import", self.file, "--from", "json", b)
        self.assertEqual(r.returncode, 1)
        self.assertIn("MB", r.stderr)
        self.assertEqual(self.read(self.file), before)
        os.remove(a)
        os.remove(b)

    def test_export_onto_the_portfolio_is_refused(self):
        self.add("Court skills")
        before = self.read(self.file)
        alias = os.path.join(self.dir, "alias.json")
        os.symlink(self.file, alias)
        for out in (self.file, alias, os.path.join(self.dir, ".", "portfolio.json")):
            r = run("export", self.file, "--format", "csv", "-o", out)
            self.assertEqual(r.returncode, 1, out)
            self.assertIn("over the portfolio", r.stderr)
        self.assertEqual(self.read(self.file), before)

    def test_fifo_is_refused_instead_of_hanging(self):
        fifo = os.path.join(self.dir, "pipe.json")
        os.mkfifo(fifo)
        r = run("list", fifo, timeout=20)
        self.assertEqual(r.returncode, 1)
        self.assertIn("FIFO", r.stderr)
        r = run("import", self.file, "--from", "json", fifo, timeout=20)
        self.assertEqual(r.returncode, 1)
        r = run("list", "/dev/zero", timeout=20)
        self.assertEqual(r.returncode, 1)
        self.assertIn("device", r.stderr)

    def test_deep_nesting_exits_1_with_a_message(self):
        deep = os.path.join(self.dir, "deep.json")
        with open(deep, "w") as f:
            f.write('{"format":"pathway-portfolio","schema":4,"profile":{"name":"A"},"x":'
                    + "[" * 70000 + "]" * 70000 + "}")
        r = run("list", deep)
        self.assertEqual(r.returncode, 1)
        self.assertIn("levels deep", r.stderr)
        xml = os.path.join(self.dir, "deep.xml")
        with open(xml, "w") as f:
            f.write('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry>'
                    '<title>T</title><content type="xhtml">' + "<div>" * 100000 + "deep"
                    + "</div>" * 100000 + "</content></entry></feed>")
        before = self.read(self.file)
        r = run("import", self.file, "--from", "leap2a", xml)
        self.assertEqual(r.returncode, 1)
        self.assertIn("levels deep", r.stderr)
        self.assertEqual(self.read(self.file), before)


class KillConcurrentWriters(Base):
    """Writers (add, merge, import) started together and SIGKILLed at random moments: after
    every round the portfolio and its .bak load, and every write that reported success is
    in the file. Bounded: ROUNDS rounds of a few processes."""
    ROUNDS = int(os.environ.get("PATHWAY_KILL_ROUNDS", "12"))

    def test_kill_concurrent_writers(self):
        rng = random.Random(int(os.environ.get("PATHWAY_KILL_SEED", "12")))
        first = self.add("Court skills")
        fb = os.path.join(self.dir, "feedback.json")
        self.assertEqual(run("review", self.file, "--reviewer", "Morgan Mentor", "--comment", first,
                             "Well argued", "-o", fb).returncode, 0)
        csv = os.path.join(self.dir, "training.csv")
        with open(csv, "w") as f:
            f.write("Title,Date,Hours\n" + "".join(f"Course {i},2026-09-{i + 1:02d},2\n" for i in range(20)))
        confirmed = set()
        for round_ in range(self.ROUNDS):
            procs = []
            for k in range(5):
                what = rng.choice(["add", "add", "merge", "import"])
                if what == "add":
                    args = ("add", self.file, "cpd", "--title", f"R{round_}.{k}", "--date", "2026-10-01")
                elif what == "merge":
                    args = ("merge", self.file, fb)
                else:
                    args = ("import", self.file, "--from", "csv", csv)
                procs.append((what, start(*args)))
            time.sleep(rng.uniform(0.0, 0.06))
            for what, p in procs:
                if rng.random() < 0.5:
                    p.send_signal(signal.SIGKILL)
            for what, p in procs:
                out, _ = p.communicate(timeout=120)
                if p.returncode == 0 and what == "add":
                    confirmed.add(out.strip())
            for path in (self.file, self.file + ".bak"):
                r = run("list", path, "--json")
                self.assertEqual(r.returncode, 0, f"round {round_}: {path} does not load: {r.stderr}")
            ids = {e["id"] for e in self.entries()}
            self.assertTrue(confirmed <= ids, f"round {round_}: a confirmed add was lost")
        self.assertIn(first, {e["id"] for e in self.entries()})


if __name__ == "__main__":
    unittest.main()
