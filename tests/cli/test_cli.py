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

    def test_list_filters_as_the_apps_log_does(self):
        self.init()
        for title, date, tags in [("Court skills", "2026-09-01", ["swe:4.6"]),
                                  ("Home visit", "2026-10-05", ["pcf:6"]),
                                  ("Caseload talk", "2026-10-07", [])]:
            args = ["add", self.file, "cpd", "--title", title, "--date", date]
            for t in tags:
                args += ["--tag", t]
            r = run(*args)
            self.assertEqual(r.returncode, 0, r.stderr)

        def titles(*options):
            r = run("list", self.file, "--json", *options)
            self.assertEqual(r.returncode, 0, r.stderr)
            return [e["title"] for e in json.loads(r.stdout)]

        self.assertEqual(titles("--tag", "swe:4"), ["Court skills"])  # its sub-item 4.6
        self.assertEqual(titles("--search", "CASELOAD"), ["Caseload talk"])
        self.assertEqual(titles("--from", "2026-10-01", "--to", "2026-10-05"), ["Home visit"])
        self.assertEqual(titles("--tag", "pcf:6", "--search", "court"), [])
        bad = run("list", self.file, "--from", "2026-13-01")
        self.assertEqual(bad.returncode, 1)
        self.assertIn("--from", bad.stderr)

    def test_a_reflective_model_must_be_the_catalogues(self):
        self.init()
        r = run("add", self.file, "reflection", "--title", "Visit", "--model", "rolfe")
        self.assertEqual(r.returncode, 1)
        self.assertIn("Reflective model must be one of: gibbs, kolb, driscoll, schon.", r.stderr)
        models = os.path.join(self.tmp.name, "rolfe.json")
        with open(models, "w") as f:
            json.dump({"format": "pathway-reflective-models/1", "version": "1", "models": [
                {"id": "rolfe", "name": "Rolfe's framework", "stages": [
                    {"key": "rolfe.what", "name": "What?", "prompt": "Describe it."}]}]}, f)
        r = run("add", self.file, "reflection", "--title", "Visit", "--model", "rolfe",
                "--field", "rolfe.what=A visit", "--catalog", models)
        self.assertEqual(r.returncode, 0, r.stderr)
        fields = run("fields", "reflection", "--catalog", models)
        self.assertIn("[gibbs|kolb|driscoll|schon|rolfe]", fields.stdout)

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

    def add_complete_cpd(self, title, date, peer=None, tags=()):
        args = ["add", self.file, "cpd", "--title", title, "--date", date, "--hours", "2",
                "--type", "course", "--description", "Why it matters", "--learned", "What I learnt",
                "--impact", "How practice changed"]
        if peer:
            args += ["--peer-reflection", peer]
        for t in tags:
            args += ["--tag", t]
        r = run(*args)
        self.assertEqual(r.returncode, 0, r.stderr)
        return r.stdout.strip()

    def test_status_contract(self):
        self.init("--setting", "adults", "--asye-start", "2026-09-07")
        self.add_complete_cpd("Court skills", "2026-10-01", tags=["pcf:5"])
        r = run("status", self.file, "--on", "2026-11-23", "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        s = json.loads(r.stdout)
        swe = s["swe"]
        self.assertEqual(swe["registration_year"], "2025-12-01/2026-11-30")
        self.assertEqual(swe["pieces"], 1)
        self.assertEqual(swe["peer_reflections"], 0)
        self.assertFalse(swe["ready"])
        self.assertTrue(any("piece" in m for m in swe["missing"]), swe["missing"])
        self.assertEqual(swe["days_to_deadline"], 7)

        self.add_complete_cpd("Team reflective session", "2026-11-02", peer="Colleague's view helped")
        s = json.loads(run("status", self.file, "--on", "2026-11-23", "--json").stdout)
        self.assertEqual(s["swe"]["pieces"], 2)
        self.assertEqual(s["swe"]["peer_reflections"], 1)
        self.assertTrue(s["swe"]["ready"])
        self.assertEqual(s["swe"]["missing"], [])

        asye = s["asye"]
        names = [r["name"] for r in asye["reviews"]]
        self.assertEqual(len(names), 4, names)
        for review in asye["reviews"]:
            self.assertRegex(review["due"], r"^\d{4}-\d{2}-\d{2}$")
            self.assertIn(review["status"], ["done", "overdue", "due-soon", "upcoming"])
        for ev in asye["evidence"].values():
            self.assertIn("have", ev)
            self.assertIn("need", ev)
        self.assertIsInstance(asye["supervision_gaps"], list)
        self.assertGreater(len(asye["supervision_gaps"]), 0)  # no supervision logged at all
        self.assertEqual(s["coverage"]["pcf:5"]["count"], 1)
        self.assertEqual(s["coverage"]["pcf:5"]["last"], "2026-10-01")

        # The piece dated 1 December belongs to the next registration year.
        self.add_complete_cpd("New year piece", "2026-12-01")
        s = json.loads(run("status", self.file, "--on", "2026-12-01", "--json").stdout)
        self.assertEqual(s["swe"]["registration_year"], "2026-12-01/2027-11-30")
        self.assertEqual(s["swe"]["pieces"], 1)

        text = run("status", self.file, "--on", "2026-11-23")
        self.assertEqual(text.returncode, 0)
        self.assertIn("Registration year 2025-12-01/2026-11-30", text.stdout)

    def test_status_errors(self):
        self.init()
        self.assertEqual(run("status", self.file, "--on", "2026-13-01", "--json").returncode, 1)
        self.assertEqual(run("status", os.path.join(self.tmp.name, "nope.json")).returncode, 1)
        self.assertEqual(run("status").returncode, 2)

    def test_asye_life_in_status_json(self):
        """Issue 14: leave, hours, outcome and people recorded by the CLI show in status --json."""
        self.init("--setting", "adults", "--asye-start", "2026-09-07")
        before = json.loads(run("status", self.file, "--on", "2026-11-10", "--json").stdout)["asye"]
        self.assertEqual(before["end"], "2027-09-07")
        self.assertEqual(before["leave"], [])
        r = run("asye", self.file, "leave", "--from", "2026-10-05", "--to", "2026-11-01",
                "--kind", "maternity")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(run("asye", self.file, "hours", "--from", "2027-01-04", "--fte", "0.8").returncode, 0)
        self.assertEqual(run("asye", self.file, "person", "--role", "supervisor", "--name",
                             "Pat Invented", "--registered", "no").returncode, 0)
        # A planned session shows as planned, not as supervision.
        r = run("add", self.file, "supervision", "--title", "Booked", "--date", "2026-11-20")
        self.assertEqual(r.returncode, 0, r.stderr)
        s = json.loads(run("status", self.file, "--on", "2026-11-10", "--json").stdout)
        asye = s["asye"]
        self.assertEqual(asye["leave"][0]["kind"], "maternity")
        self.assertEqual(asye["leave"][0]["days"], 28)
        self.assertEqual(asye["leave_days"], 28)
        # 0.8 from January stretches the year (plain_end); the leave moves it 28 days more.
        self.assertGreater(asye["plain_end"], "2027-09-07")
        self.assertGreater(asye["end"], asye["plain_end"])
        self.assertEqual(asye["fte_changes"], [{"from": "2027-01-04", "fte": 0.8}])
        self.assertEqual(asye["people"][0]["registered_social_worker"], False)
        self.assertTrue(any("registered social worker" in n for n in s["notices"]), s["notices"])
        self.assertEqual(asye["supervision"]["planned"], 1)
        self.assertEqual([p["date"] for p in s["planned"]], ["2026-11-20"])
        self.assertIsNone(asye["outcome"]["final"])
        # The outcome: a final pass closes the year and moves the portfolio on.
        self.assertEqual(run("asye", self.file, "outcome", "--step", "recommendation",
                             "--decision", "pass", "--on", "2027-10-01", "--by", "Jo Invented").returncode, 0)
        r = run("asye", self.file, "outcome", "--step", "final", "--decision", "pass",
                "--on", "2027-10-20", "--by", "Employer")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Social worker", r.stdout)
        s = json.loads(run("status", self.file, "--on", "2027-11-01", "--json").stdout)
        self.assertEqual(s["progression"]["current_stage"], "social-worker")
        self.assertTrue(s["asye"]["closed"])
        self.assertEqual(s["asye"]["supervision_gaps"], [])
        self.assertEqual(s["asye"]["outcome"]["final"]["decision"], "pass")
        self.assertEqual(s["asye"]["outcome"]["recommendation"]["by"], "Jo Invented")
        # Bad input: one line, exit 1, file unchanged.
        with open(self.file, "rb") as f:
            kept = f.read()
        r = run("asye", self.file, "leave", "--from", "2027-02-01", "--to", "2027-01-01")
        self.assertEqual(r.returncode, 1)
        self.assertEqual(len(r.stderr.strip().splitlines()), 1, r.stderr)
        with open(self.file, "rb") as f:
            self.assertEqual(f.read(), kept)
        self.assertEqual(run("asye", self.file, "holiday").returncode, 2)

    def unchanged(self, *args, code=1):
        """Runs asye with bad input: `code`, one line on stderr, the file untouched."""
        with open(self.file, "rb") as f:
            kept = f.read()
        r = run("asye", self.file, *args)
        self.assertEqual(r.returncode, code, (args, r.stdout, r.stderr))
        if code == 1:
            self.assertEqual(len(r.stderr.strip().splitlines()), 1, r.stderr)
        with open(self.file, "rb") as f:
            self.assertEqual(f.read(), kept, args)
        return r

    def test_asye_self_assessment(self):
        """Issue 14 point 10: rate the setting's standards at start, mid and end; status --json sums up."""
        self.init("--setting", "children", "--asye-start", "2026-09-07")
        r = run("asye", self.file, "self-assess", "--point", "start", "--item", "1", "--rating", "2",
                "--comment", "Rapport yes, structure not yet", "--on", "2026-09-10")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("kss-cf:1", r.stdout)
        self.assertIn("2 Developing", r.stdout)
        self.assertEqual(run("asye", self.file, "self-assess", "--point", "start", "--item", "kss-cf:3",
                             "--rating", "1", "--on", "2026-09-10").returncode, 0)
        self.assertEqual(run("asye", self.file, "self-assess", "--point", "mid", "--item", "1",
                             "--rating", "3", "--on", "2027-03-10").returncode, 0)
        # Rating again replaces (one rating per point and item).
        self.assertEqual(run("asye", self.file, "self-assess", "--point", "start", "--item", "3",
                             "--rating", "2", "--on", "2026-09-11").returncode, 0)
        s = json.loads(run("status", self.file, "--on", "2027-03-15", "--json").stdout)
        sa = s["asye"]["self_assessment"]
        self.assertEqual(sa["framework"], "kss-cf")
        self.assertEqual([p["rated"] for p in sa["points"]], [2, 1, 0])
        self.assertEqual(sa["items"][0]["start"]["rating"], 2)
        self.assertEqual(sa["items"][0]["mid"]["rating"], 3)
        self.assertEqual(sa["items"][2]["start"], {"rating": 2, "label": "Developing", "date": "2026-09-11"})
        self.assertIsNone(sa["items"][0]["end"])
        with open(self.file) as f:
            doc = json.load(f)
        self.assertEqual(doc["schema"], 4)
        ratings = doc["profile"]["asye"]["self_assessment"]
        self.assertEqual(len(ratings), 3)
        self.assertEqual(ratings[0]["comment"], "Rapport yes, structure not yet")
        # Clearing one.
        self.assertEqual(run("asye", self.file, "self-assess", "--point", "mid", "--item", "1", "--clear").returncode, 0)
        s = json.loads(run("status", self.file, "--on", "2027-03-15", "--json").stdout)
        self.assertEqual(s["asye"]["self_assessment"]["points"][1]["rated"], 0)
        # Bad input: a clear sentence, the file untouched.
        self.assertIn("not an item of", self.unchanged("self-assess", "--point", "start", "--item", "11", "--rating", "2").stderr)
        self.assertIn("kss-adults", self.unchanged("self-assess", "--point", "start", "--item", "kss-adults:10", "--rating", "2").stderr)
        self.assertIn("1 to 4", self.unchanged("self-assess", "--point", "start", "--item", "1", "--rating", "5").stderr)
        self.unchanged("self-assess", "--point", "start", "--item", "1", "--rating", "0")
        self.unchanged("self-assess", "--point", "start", "--item", "1", "--rating", "2.5")
        self.assertIn("start, mid or end", self.unchanged("self-assess", "--point", "middle", "--item", "1", "--rating", "2").stderr)
        self.unchanged("self-assess", "--point", "mid", "--item", "1", "--clear")  # nothing to clear
        self.unchanged("self-assess", "--point", "start", "--item", "1", "--rating", "2", "--on", "2026-02-30")
        self.unchanged("self-assess", "--point", "start", "--item", "1", "--rating", "2", "--comment", "x" * 1001)
        self.unchanged("self-assess", "--item", "1", "--rating", "2", code=2)
        self.unchanged("self-assess", "--point", "start", "--rating", "2", code=2)
        self.unchanged("self-assess", "--point", "start", "--item", "1", code=2)

    def test_asye_self_assessment_adults_use_the_adult_kss(self):
        self.init("--setting", "adults", "--asye-start", "2026-09-07")
        r = run("asye", self.file, "self-assess", "--point", "end", "--item", "10", "--rating", "4",
                "--on", "2027-09-01")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("kss-adults:10", r.stdout)
        s = json.loads(run("status", self.file, "--on", "2027-09-02", "--json").stdout)
        self.assertEqual(s["asye"]["self_assessment"]["framework"], "kss-adults")
        self.assertEqual(s["asye"]["self_assessment"]["points"][2]["rated"], 1)

    def test_asye_goals_per_review(self):
        """Issue 14 point 11: development goals linked to a review and to evidence."""
        self.init("--setting", "adults", "--asye-start", "2026-09-07")
        obs = run("add", self.file, "observation", "--title", "Observed assessment visit",
                  "--date", "2026-11-02").stdout.strip()
        r = run("asye", self.file, "goal", "--title", "Court skills", "--review", "3m",
                "--target", "2026-12-01", "--evidence", obs[:8], "--on", "2026-09-10")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("review 3m", r.stdout)
        goal_id = r.stdout.strip().rsplit("(", 1)[1].rstrip(")")
        s = json.loads(run("status", self.file, "--on", "2026-12-02", "--json").stdout)
        plan = s["asye"]["development_plan"]
        self.assertEqual(plan["goals"], 1)
        first = plan["periods"][0]
        self.assertEqual(first["review"], "3m")
        self.assertEqual(first["goals"][0]["id"], goal_id)
        self.assertEqual(first["goals"][0]["status"], "not-started")
        self.assertTrue(first["goals"][0]["overdue"])
        self.assertEqual(first["goals"][0]["evidence"][0]["id"], obs)
        # Update: status, another review, unlink.
        r = run("asye", self.file, "goal", "--id", goal_id[:8], "--status", "achieved", "--review", "6m",
                "--unlink", obs)
        self.assertEqual(r.returncode, 0, r.stderr)
        s = json.loads(run("status", self.file, "--on", "2026-12-02", "--json").stdout)
        plan = s["asye"]["development_plan"]
        self.assertEqual(plan["periods"][0]["goals"], [])
        moved = plan["periods"][1]["goals"][0]
        self.assertEqual((moved["status"], moved["overdue"], moved["evidence"]), ("achieved", False, []))
        listed = json.loads(run("list", self.file, "--kind", "goal", "--json").stdout)
        self.assertEqual(listed[0]["fields"]["review"], "6m")
        # Bad input.
        self.assertIn("not a review of this programme", self.unchanged("goal", "--title", "X", "--review", "18m").stderr)
        self.assertIn("Status", self.unchanged("goal", "--id", goal_id, "--status", "done").stderr)
        self.assertIn("not a goal", self.unchanged("goal", "--id", obs, "--status", "achieved").stderr)
        self.unchanged("goal", "--id", "ffffffff", "--status", "achieved")
        self.unchanged("goal", "--id", goal_id, "--evidence", "nope-nope")
        self.unchanged("goal", "--id", goal_id, "--evidence", goal_id)
        self.unchanged("goal", "--id", goal_id, "--unlink", obs)  # no longer linked
        self.unchanged("goal", "--title", "X", "--review", "3m", "--target", "someday")
        self.unchanged("goal", "--review", "3m", code=2)
        self.unchanged("goal", "--title", "X", code=2)
        self.unchanged("goal", "--id", goal_id, code=2)


if __name__ == "__main__":
    unittest.main()
