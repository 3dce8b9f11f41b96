"""Issue 6 on the real binary: review files, merge, verify, lint, export, import, cohort."""
import csv
import html.parser
import io
import json
import os
import shutil
import subprocess
import tempfile
import unittest

from cli_support import FIXTURES, FolderCase, read, run
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
E1 = "3f1c9a52-2b7e-4c1a-9d3e-5a6b7c8d9e01"
E2 = "3f1c9a52-2b7e-4c1a-9d3e-5a6b7c8d9e02"
E3 = "3f1c9a52-2b7e-4c1a-9d3e-5a6b7c8d9e03"

# Each payload, if it ever ran, would mark the document; the marker text is split so that the
# escaped text itself never contains the marker.
MARK = "data-pw" + "ned"
JS = "document.documentElement.setAttribute('%s','1')" % MARK
PAYLOADS = [
    "<script>%s</script>" % JS,
    "<img src=x onerror=\"%s\">" % JS,
    "\"><svg onload=\"%s\">" % JS,
    "'><iframe srcdoc=\"<script>parent.%s</script>\">" % JS,
    "</style><script>%s</script>" % JS,
    "</textarea><body onload=\"%s\">" % JS,
]



def payload(i):
    return PAYLOADS[i % len(PAYLOADS)] + " &amp; \"q\" 'a' , text"


class ExchangeTest(FolderCase):
    def setUp(self):
        super().setUp()
        self.copy_fixture_portfolio()

    def review(self, name, out, *actions):
        return self.ok("review", self.file, "--reviewer", name, "--role", "Practice educator",
                       *actions, "-o", self.path(out))

    # --- review, merge, verify ------------------------------------------------------------------

    def test_review_merge_verify_and_tampering(self):
        before = read(self.file)
        self.review("Pat Mentor", "pat.json", "--comment", E1, "Clear link to practice",
                    "--sign", E1, "--request", E2, "Please add your analysis",
                    "--outcome", E3, "on-track")
        self.assertEqual(read(self.file), before, "review only reads the portfolio")
        fb = json.loads(read(self.path("pat.json")))
        self.assertEqual(fb["format"], "pathway-feedback")
        self.assertEqual(fb["reviewer"], {"name": "Pat Mentor", "role": "Practice educator"})
        self.assertEqual(len(fb["comments"]), 3)
        self.assertEqual(len(fb["sign_offs"]), 1)
        self.assertRegex(fb["sign_offs"][0]["content_sha256"], "^[0-9a-f]{64}$")

        self.ok("merge", self.file, self.path("pat.json"))
        merged = read(self.file)
        r = self.ok("merge", self.file, self.path("pat.json"))
        self.assertEqual(read(self.file), merged, "merging twice = once")
        self.assertIn("0 new comment", r.stdout)
        # Written without a key: every item is unsigned, and verify says so (exit 1).
        r = self.user_error("verify", self.file)
        self.assertEqual(r.stdout.count("unsigned  "), 4, r.stdout)
        self.assertIn("not authentic", r.stderr)

        # Tamper with the signed entry outside Pathway.
        doc = json.loads(merged)
        for e in doc["entries"]:
            if e["id"] == E1:
                e["fields"]["learned"] = "Something the mentor never saw."
        with open(self.file, "w") as f:
            json.dump(doc, f)
        r = self.user_error("verify", self.file)
        self.assertIn("altered  sign-off  " + E1, r.stdout)
        self.assertIn("4 of 4", r.stderr)
        listed = json.loads(run("verify", self.file, "--json").stdout)
        self.assertEqual([i["state"] for i in listed if i["what"] == "sign-off"], ["altered"])

    def test_edit_through_pathway_makes_sign_off_stale(self):
        r = self.ok("add", self.file, "note", "--title", "To be signed", "--date", "2026-10-20",
                    "--body", "First version")
        note = r.stdout.strip()
        self.review("Pat Mentor", "pat.json", "--sign", note)
        self.ok("merge", self.file, self.path("pat.json"))
        self.assertIn("unsigned  sign-off", self.user_error("verify", self.file).stdout)
        doc = json.loads(read(self.file))
        for e in doc["entries"]:
            if e["id"] == note:
                e["fields"]["body"] = "Second version"
                e["updated"] = "2099-01-01T00:00:00Z"
        with open(self.file, "w") as f:
            json.dump(doc, f)
        r = self.user_error("verify", self.file)
        self.assertIn("stale  sign-off  " + note, r.stdout)

    def test_two_mentors_merge_in_either_order(self):
        self.review("Pat Mentor", "a.json", "--comment", E1, "From Pat", "--sign", E2)
        self.review("Robin Assessor", "b.json", "--comment", E1, "From Robin", "--sign", E1,
                    "--request", E3, "More on supervision")
        other = self.path("other.json")
        shutil.copy(self.file, other)
        self.ok("merge", self.file, self.path("a.json"), self.path("b.json"))
        self.ok("merge", other, self.path("b.json"))
        self.ok("merge", other, self.path("a.json"))
        # The same content whatever the order; only the count of saves ("revision") differs.
        def content(path):
            doc = json.loads(read(path))
            doc.pop("revision")
            return doc
        self.assertEqual(content(self.file), content(other))
        doc = json.loads(read(self.file))
        self.assertEqual(len(doc["comments"]), 3)
        self.assertEqual(len(doc["sign_offs"]), 2)

    def test_review_usage_and_user_errors(self):
        self.assertEqual(run("review", self.file, "--reviewer", "Pat", "--comment", E1).returncode, 2)
        self.assertEqual(run("review", self.file, "--reviewer", "Pat", "-o", self.path("x.json")).returncode, 2)
        self.user_error("review", self.file, "--reviewer", "Pat", "--sign", "nope", "-o", self.path("x.json"))
        self.assertFalse(os.path.exists(self.path("x.json")))
        bad = self.path("bad-feedback.json")
        with open(bad, "w") as f:
            f.write('{"format": "pathway-feedback", "schema": 1}')
        before = read(self.file)
        self.user_error("merge", self.file, bad)
        self.assertEqual(read(self.file), before)

    # --- exports ----------------------------------------------------------------------------------

    def xss_portfolio(self):
        doc = json.loads(read(self.file))
        i = 0
        for key in ("name", "employer", "team"):
            doc["profile"][key] = payload(i)
            i += 1
        for e in doc["entries"]:
            e["title"] = payload(i)
            i += 1
            for k in list(e["fields"]):
                if k not in ("hours", "minutes", "type", "peer_role", "model", "source"):
                    e["fields"][k] = payload(i)
                    i += 1
            e["tags"] = e["tags"] + [payload(i)]
            e["attachments"] = [{"name": payload(i + 1), "ref": payload(i + 2)}]
            i += 3
        doc["comments"] = [{"id": "c1", "entry": E1, "author": payload(1), "role": payload(2),
                            "text": payload(3), "requests_evidence": True}]
        doc["sign_offs"] = [{"entry": E1, "reviewer": payload(4), "role": payload(5),
                             "content_sha256": payload(0)}]
        with open(self.file, "w") as f:
            json.dump(doc, f)

    def dump_dom(self, page):
        profile = tempfile.mkdtemp(dir=self.dir)
        r = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                            "--no-first-run", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync",
                            f"--user-data-dir={profile}", "--virtual-time-budget=2000",
                            "--dump-dom", "file://" + page],
                           capture_output=True, text=True, timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr[-2000:])
        self.assertIn("</html>", r.stdout)
        return r.stdout

    def test_html_exports_escape_every_text(self):
        self.xss_portfolio()
        for fmt in ("html", "moderation"):
            out = self.path(f"out-{fmt}.html")
            self.ok("export", self.file, "--format", fmt, "-o", out, "--today", "2026-10-15")
            text = read(out)

            class Tags(html.parser.HTMLParser):
                found = set()

                def handle_starttag(self, tag, attrs):
                    self.found.add(tag)
                    for name, _ in attrs:
                        self.found.add("@" + name)

            t = Tags()
            t.feed(text)
            for bad in ("script", "img", "svg", "iframe", "@onerror", "@onload", "@srcdoc"):
                self.assertNotIn(bad, t.found, f"{fmt}: <{bad}> reached the page")
            if os.path.exists(CHROMIUM):
                dom = self.dump_dom(out)
                self.assertNotIn(MARK + '="1"', dom, f"{fmt}: a payload ran in Chromium")
                self.assertIn("onerror", dom)  # the payload is shown as text

    def test_chromium_check_would_catch_a_running_payload(self):
        if not os.path.exists(CHROMIUM):
            self.skipTest("no chromium")
        page = self.path("control.html")
        with open(page, "w") as f:
            f.write("<!DOCTYPE html><html><body>%s</body></html>" % PAYLOADS[1])
        self.assertIn(MARK + '="1"', self.dump_dom(page))

    def test_print_ready_html_has_mapping_and_page_breaks(self):
        out = self.path("p.html")
        self.ok("export", self.file, "--format", "html", "-o", out, "--today", "2026-10-15")
        text = read(out)
        self.assertIn("Critical reflection and analysis", text)  # pcf:6's title from the catalogue
        self.assertIn("page-break-before:always", text)
        self.assertIn("Content-Security-Policy", text)
        self.assertNotIn("http", text.replace("http-equiv", ""), "self-contained: no external links")

    def test_moderation_pack_is_anonymised(self):
        self.ok("add", self.file, "reflection", "--title", "Visit", "--date", "2026-10-20",
                "--field", "gibbs.description=Met Mrs Jones at SW1A 1AA, NHS 943 476 5919")
        out = self.path("m.html")
        self.ok("export", self.file, "--format", "moderation", "-o", out, "--today", "2026-10-15")
        text = read(out)
        for secret in ("Alex Invented", "SW900001", "Example Borough Council", "Jones", "SW1A 1AA",
                       "943 476 5919", "certificates/2026-10-02.pdf"):
            self.assertNotIn(secret, text)
        self.assertIn("[postcode]", text)

    def test_csv_export_reads_back_with_python(self):
        self.xss_portfolio()
        out = self.path("p.csv")
        self.ok("export", self.file, "--format", "csv", "-o", out)
        raw = read(out, "rb")
        self.assertIn(b"\r\n", raw)
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
        doc = json.loads(read(self.file))
        self.assertEqual(len(rows), len(doc["entries"]))
        by_id = {r["id"]: r for r in rows}
        for e in doc["entries"]:
            self.assertEqual(by_id[e["id"]]["title"], e["title"])
            self.assertEqual(by_id[e["id"]]["date"], e["date"])

    def test_json_and_leap2a_round_trip(self):
        self.review("Pat Mentor", "pat.json", "--comment", E1, "Good", "--sign", E1)
        self.ok("merge", self.file, self.path("pat.json"))
        original = json.loads(read(self.file))
        for fmt in ("json", "leap2a"):
            out = self.path("export." + fmt)
            self.ok("export", self.file, "--format", fmt, "-o", out)
            if fmt == "leap2a":
                x = subprocess.run(["xmllint", "--noout", out], capture_output=True, text=True)
                self.assertEqual(x.returncode, 0, x.stderr)
            target = self.path(f"new-{fmt}.json")
            self.ok("init", target, "--name", "Someone Else")
            self.ok("import", target, "--from", fmt, out, "--replace")
            self.assertEqual(json.loads(read(target)), original, fmt)
            # Importing into the original adds nothing.
            before = read(self.file)
            r = self.ok("import", self.file, "--from", fmt, out)
            self.assertIn("0 added", r.stdout)
            self.assertEqual(read(self.file), before)

    def test_ics_is_read_by_icalendar(self):
        out = self.path("p.ics")
        self.ok("export", self.file, "--format", "ics", "-o", out, "--today", "2026-10-15")
        # Debian's python3-icalendar lives in the system Python (a pyenv python may not see it).
        script = (
            "import icalendar, json, sys\n"
            "cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n"
            "print(json.dumps({str(e.get('summary')): str(e.decoded('dtstart'))"
            " for e in cal.walk('VEVENT')}))\n")
        python = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else "python3"
        r = subprocess.run([python, "-c", script, out], capture_output=True, text=True, timeout=60)
        if "No module named 'icalendar'" in r.stderr:
            self.skipTest("python3-icalendar missing")
        self.assertEqual(r.returncode, 0, r.stderr)
        events = json.loads(r.stdout)
        self.assertEqual(events["ASYE 3-month review due"], "2026-12-30")
        deadline = [v for k, v in events.items() if "renewal deadline" in k]
        self.assertEqual(deadline, ["2026-11-30"])
        self.assertEqual(events["Social Work England renewal window opens"], "2026-09-01")

    def test_swe_text(self):
        r = self.ok("export", self.file, "--format", "swe", "-o", "-", "--today", "2026-10-15")
        self.assertIn("What did you learn:\nHow to observe attachment", r.stdout)
        self.assertIn("What did you learn from discussing it with a peer", r.stdout)

    def test_export_usage(self):
        self.assertEqual(run("export", self.file, "-o", self.path("x")).returncode, 2)
        self.assertEqual(run("export", self.file, "--format", "pdf", "-o", self.path("x")).returncode, 2)
        self.user_error("export", self.path("missing.json"), "--format", "csv", "-o", self.path("x"))

    def test_export_check_writes_nothing_while_the_check_finds_a_detail(self):
        self.ok("add", self.file, "reflection", "--title", "Visit", "--date", "2026-10-03",
                "--model", "driscoll", "--field", "driscoll.what=I met Mr Okafor at the flat.")
        out = self.path("out.html")
        r = self.user_error("export", self.file, "--format", "html", "-o", out, "--check")
        self.assertIn("nothing was written", r.stderr)
        self.assertIn("\"Okafor\"", r.stdout)
        self.assertFalse(os.path.exists(out))
        # The moderation pack redacts everything itself: no check stops it.
        self.ok("export", self.file, "--format", "moderation", "-o", out, "--check")
        self.assertNotIn("Okafor", read(out))
        os.remove(out)
        self.ok("lint", self.file, "--redact")
        self.ok("export", self.file, "--format", "html", "-o", out, "--check")
        self.assertTrue(os.path.exists(out))

    # --- imports ----------------------------------------------------------------------------------

    def test_imports_mahara_and_training_csv(self):
        r = self.ok("import", self.file, "--from", "leap2a", os.path.join(FIXTURES, "exchange", "mahara-export.xml"))
        self.assertIn("6 added", r.stdout)
        self.assertIn("skipped: entry 1 \"Sam Example\" (person)", r.stdout)
        r = self.ok("import", self.file, "--from", "csv", os.path.join(FIXTURES, "exchange", "training-records.csv"))
        self.assertIn("3 added", r.stdout)
        self.assertIn("\"31/02/2026\" is not a date", r.stdout)
        self.assertIn("no title", r.stdout)
        before = read(self.file)
        r = self.ok("import", self.file, "--from", "csv", os.path.join(FIXTURES, "exchange", "training-records.csv"))
        self.assertIn("0 added", r.stdout)
        self.assertEqual(read(self.file), before)

    def test_imports_mahara_export_zip_with_its_attachments(self):
        # Mahara's own export: a zip holding leap2a.xml and files/ (scripts/make-mahara-zip.py).
        src = os.path.join(FIXTURES, "exchange", "mahara-export.zip")
        r = self.ok("import", self.file, "--from", "leap2a", src)
        self.assertIn("5 added", r.stdout)
        self.assertIn('attachment: files/11-Home visit checklist.pdf (71 bytes): "Reflecting on a first home visit"',
                      r.stdout)
        self.assertIn("attachment: files/99-not attached.txt (22 bytes): no entry uses it", r.stdout)
        self.assertIn("files/13-Lost scan.png is not in the zip", r.stdout)
        post = [e for e in json.loads(read(self.file))["entries"] if e["title"] == "Reflecting on a first home visit"]
        self.assertEqual(len(post), 1)
        self.assertEqual([a["ref"] for a in post[0]["attachments"]],
                         ["mahara-export.zip: files/11-Home visit checklist.pdf",
                          "mahara-export.zip: files/12-\u0141ukasz's notes.txt"])
        before = read(self.file, "rb")
        self.assertIn("0 added", self.ok("import", self.file, "--from", "leap2a", src).stdout)
        self.assertEqual(read(self.file, "rb"), before)
        # A damaged zip is refused and changes nothing.
        cut = self.path("cut.zip")
        with open(src, "rb") as f, open(cut, "wb") as g:
            g.write(f.read()[:900])
        r = self.user_error("import", self.file, "--from", "leap2a", cut)
        self.assertIn("zip cannot be read", r.stderr)
        self.assertEqual(read(self.file, "rb"), before)

    def test_bad_imports_change_nothing(self):
        bad = {
            "json": '{"format": "pathway-portfolio", "schema": 1, "profile": ',
            "leap2a": "<feed><entry><title>unclosed</feed>",
            "csv": "Name,Colour\r\nx,y\r\n",
        }
        before = read(self.file, "rb")
        for fmt, text in bad.items():
            src = self.path("bad." + fmt)
            with open(src, "w") as f:
                f.write(text)
            r = self.user_error("import", self.file, "--from", fmt, src)
            self.assertIn("unchanged", r.stderr)
            self.assertEqual(read(self.file, "rb"), before, fmt)
        self.user_error("import", self.file, "--from", "csv", self.path("missing.csv"))
        self.assertEqual(run("import", self.file, "--from", "xls", self.path("bad.csv")).returncode, 2)
        self.assertEqual(read(self.file, "rb"), before)

    # --- lint and cohort --------------------------------------------------------------------------

    def test_lint_flags_identifying_details(self):
        self.ok("lint", self.file)
        r = self.ok("add", self.file, "reflection", "--title", "Visit", "--date", "2026-10-20",
                    "--field", "gibbs.description=Saw the child Jayden; mother Kayla gave DOB 03/04/2015.",
                    "--field", "gibbs.feelings=Call 07700 900123 or a.person@example.org, case CN123456")
        entry = r.stdout.strip()
        r = self.user_error("lint", self.file)
        self.assertIn(f"{entry}  fields.gibbs.description  @14  name  \"Jayden\"", r.stdout)
        kinds = [json.loads(run("lint", self.file, "--json").stdout)[i]["kind"] for i in range(6)]
        self.assertEqual(sorted(kinds), sorted(["name", "name", "date-of-birth", "phone", "email", "case-number"]))
        r = self.ok("lint", self.file, "--redact")
        self.assertIn("Redacted 6 detail(s)", r.stdout)
        self.ok("lint", self.file)
        entries = {e["id"]: e for e in json.loads(read(self.file))["entries"]}
        self.assertEqual(entries[entry]["fields"]["gibbs.description"],
                         "Saw the child [Child A]; mother [Adult B] gave DOB [date of birth].")

    def test_cohort_reports(self):
        cohort = self.path("cohort")
        os.mkdir(cohort)
        shutil.copy(self.file, os.path.join(cohort, "alex.json"))
        self.ok("init", os.path.join(cohort, "bo.json"), "--name", "Bo Invented", "--stage", "social-worker")
        with open(os.path.join(cohort, "notes.json"), "w") as f:
            f.write("{}")
        out = self.path("cohort.csv")
        r = self.ok("cohort", cohort, "--format", "csv", "-o", out, "--today", "2026-10-15")
        self.assertIn("skipped: notes.json", r.stdout)
        rows = list(csv.DictReader(io.StringIO(read(out), newline="")))
        self.assertEqual([r["name"] for r in rows], ["Alex Invented", "Bo Invented"])
        self.assertEqual(rows[0]["next_review"], "3-month review")
        self.assertEqual(rows[0]["next_review_due"], "2026-12-30")
        self.assertEqual(rows[0]["asye_observations"], "0/3")
        self.assertEqual(rows[0]["last_activity"], "2026-10-09")
        self.ok("cohort", cohort, "--format", "html", "-o", self.path("cohort.html"), "--today", "2026-10-15")
        page = read(self.path("cohort.html"))
        self.assertIn("Framework coverage", page)
        self.assertIn("Children and families", page)  # human labels, not "children"
        self.assertNotIn(">asye<", page)
        # --labels: the stable ids stay the header; the second row names each column.
        self.ok("cohort", cohort, "--format", "csv", "--labels", "-o", out, "--today", "2026-10-15")
        table = list(csv.reader(io.StringIO(read(out), newline="")))
        self.assertEqual(table[0][:2], ["file", "name"])
        self.assertEqual(table[1][:2], ["File", "Name"])
        self.assertIn("needs_attention", table[0])
        # --anonymise: the moderation pack's engine; no name or file name survives.
        r = self.ok("cohort", cohort, "--format", "html", "--anonymise", "-o", self.path("anon.html"),
                    "--today", "2026-10-15")
        self.assertNotIn("notes.json", r.stdout)
        anon = read(self.path("anon.html"))
        self.assertIn("Practitioner 1", anon)
        self.assertIn("Anonymised for moderation", anon)
        for name in ("Alex", "Invented", "Bo ", "alex.json"):
            self.assertNotIn(name, anon)
        self.user_error("cohort", self.path("nowhere"), "--format", "csv", "-o", out)


if __name__ == "__main__":
    unittest.main()
