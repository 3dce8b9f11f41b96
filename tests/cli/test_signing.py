"""Issue 17 on the real binary: keygen, signed review, roster, merge, verify, forgeries,
tampering, withdrawal, imports, and terminal control characters in printed text."""
import json
import os
import stat
import unittest

from cli_support import FolderCase, read, run
E1 = "3f1c9a52-2b7e-4c1a-9d3e-5a6b7c8d9e01"
E2 = "3f1c9a52-2b7e-4c1a-9d3e-5a6b7c8d9e02"
E3 = "3f1c9a52-2b7e-4c1a-9d3e-5a6b7c8d9e03"


class SigningTest(FolderCase):
    def setUp(self):
        super().setUp()
        self.copy_fixture_portfolio()

    def keygen(self, name, stem, role="ASYE assessor", env=None):
        self.ok("keygen", "--name", name, "--role", role, "--organisation", "Example Council",
                "-o", self.path(stem + ".key"), env=env)
        return self.path(stem + ".key"), self.path(stem + ".card.json")

    def academy_roster(self, *cards, valid_from="2020-01-01", valid_until="2099-12-31", out="roster.json"):
        if not os.path.exists(self.path("academy.key")):
            self.keygen("Example Academy", "academy", role="Academy")
        args = ["roster", "sign", "--key", self.path("academy.key"), "--valid-from", valid_from,
                "--valid-until", valid_until, "-o", self.path(out)]
        for c in cards:
            args += ["--card", c]
        self.ok(*args)
        return self.path(out)

    # --- the full path ----------------------------------------------------------------------------

    def test_keygen_review_roster_merge_verify(self):
        key, card = self.keygen("Pat Mentor", "pat")
        self.assertEqual(stat.S_IMODE(os.stat(key).st_mode) & 0o077, 0, "the key file is private")
        card_doc = json.loads(read(card))
        self.assertEqual(card_doc["format"], "pathway-reviewer-card")
        self.assertRegex(card_doc["fingerprint"], "^([0-9A-F]{4} ){3}[0-9A-F]{4}$")
        self.assertNotIn("secret", card_doc)
        self.user_error("keygen", "--name", "Pat Mentor", "-o", key)  # never overwritten

        roster = self.academy_roster(card)
        shown = self.ok("roster", "show", roster).stdout
        self.assertIn(card_doc["fingerprint"] + "  Pat Mentor", shown)

        r = self.ok("review", self.file, "--key", key, "--comment", E1, "Clear link to practice",
                    "--outcome", E3, "not-on-track", "--sign", E1, "-o", self.path("pat.json"))
        self.assertIn("signed with key " + card_doc["fingerprint"], r.stdout)
        fb = json.loads(read(self.path("pat.json")))
        self.assertEqual(fb["schema"], 2)
        self.assertEqual(fb["reviewer"]["public_key"], card_doc["public_key"])
        for item in fb["comments"] + fb["sign_offs"]:
            self.assertRegex(item["signature"], "^[0-9a-f]{128}$")

        self.ok("merge", self.file, self.path("pat.json"))
        # Without the roster the signatures are by an unknown key...
        r = self.user_error("verify", self.file)
        self.assertIn("unknown-key", r.stdout)
        self.assertIn("no roster loaded", r.stderr)
        # ...with it, authentic (exit 0), naming the academy and the fingerprint.
        r = self.ok("verify", self.file, "--roster", roster)
        self.assertEqual(r.stdout.count("authentic  "), 3, r.stdout)
        self.assertIn("[key " + card_doc["fingerprint"] + "]", r.stdout)
        self.assertIn("All 3 comment(s), outcome(s) and sign-off(s) are authentic", r.stdout)
        # Loaded into the portfolio, verify needs no --roster.
        self.ok("roster", "load", self.file, roster)
        self.ok("verify", self.file)
        listed = json.loads(self.ok("verify", self.file, "--json").stdout)
        self.assertEqual({i["state"] for i in listed}, {"authentic"})
        self.assertEqual({i["academy"] for i in listed}, {"Example Academy"})

    def test_passphrase_sealed_key(self):
        env = {"PATHWAY_PASSPHRASE": "correct horse battery"}
        key, card = self.keygen("Pat Mentor", "pat", env=env)
        self.assertNotIn('"hex"', read(key))
        self.assertIn("pbkdf2-hmac-sha256", read(key))
        r = self.user_error("review", self.file, "--key", key, "--sign", E1, "-o", self.path("f.json"))
        self.assertIn("passphrase", r.stderr)
        r = self.user_error("review", self.file, "--key", key, "--sign", E1, "-o", self.path("f.json"),
                            env={"PATHWAY_PASSPHRASE": "wrong"})
        self.assertIn("passphrase is wrong", r.stderr)
        self.assertFalse(os.path.exists(self.path("f.json")))
        pf = self.path("pass.txt")
        with open(pf, "w") as f:
            f.write("correct horse battery\n")
        self.ok("review", self.file, "--key", key, "--passphrase-file", pf, "--sign", E1,
                "-o", self.path("f.json"))

    # --- forgeries and tampering ------------------------------------------------------------------

    def test_one_changed_byte_is_refused_and_the_portfolio_is_unchanged(self):
        key, _ = self.keygen("Pat Mentor", "pat")
        self.ok("review", self.file, "--key", key, "--outcome", E3, "not-on-track", "--sign", E1,
                "-o", self.path("pat.json"))
        raw = read(self.path("pat.json"), "rb")
        at = raw.index(b"not-on-track")
        forged = raw[:at + 4] + b"0" + raw[at + 5:]  # "not-0n-track": one byte changed
        self.assertEqual(len(forged), len(raw))
        with open(self.path("forged.json"), "wb") as f:
            f.write(forged)
        before = read(self.file, "rb")
        r = self.user_error("merge", self.file, self.path("forged.json"))
        self.assertIn("does not match its signature", r.stderr)
        self.assertIn("forged.json", r.stderr)
        self.assertEqual(read(self.file, "rb"), before, "the portfolio's bytes are unchanged")

    def test_forged_files_fail_verify(self):
        pat_key, pat_card = self.keygen("Pat Mentor", "pat")
        roster = self.academy_roster(pat_card)
        mallory_key, _ = self.keygen("Mallory", "mallory")
        # A card copied into another key: Pat's public key on Mallory's key file.
        doc = json.loads(read(mallory_key))
        doc["card"] = json.loads(read(pat_card))
        del doc["card"]["format"], doc["card"]["schema"], doc["card"]["fingerprint"]
        with open(self.path("copied.key"), "w") as f:
            json.dump(doc, f)
        r = self.user_error("review", self.file, "--key", self.path("copied.key"), "--sign", E1,
                            "-o", self.path("x.json"))
        self.assertIn("does not belong", r.stderr)
        # Mallory signs as "Pat Mentor" with her own key: merges, but verify names it.
        doc = json.loads(read(mallory_key))
        doc["card"]["name"] = "Pat Mentor"
        with open(self.path("renamed.key"), "w") as f:
            json.dump(doc, f)
        self.ok("review", self.file, "--key", self.path("renamed.key"), "--outcome", E3, "pass",
                "--sign", E1, "-o", self.path("mallory.json"))
        self.ok("merge", self.file, self.path("mallory.json"))
        r = self.user_error("verify", self.file, "--roster", roster)
        self.assertEqual(r.stdout.count("unknown-key"), 2, r.stdout)
        # Each line names the forged item, its entry and the key that really signed it.
        mallory_fp = json.loads(read(self.path("mallory.card.json")))["fingerprint"]
        self.assertIn(f"unknown-key  sign-off  {E1}", r.stdout)
        self.assertIn(f"by Pat Mentor [key {mallory_fp}]", r.stdout)
        self.assertIn(f"key {mallory_fp} is in no loaded roster", r.stdout)
        # Written without any key, claiming to be Pat: unsigned.
        self.ok("review", self.file, "--reviewer", "Pat Mentor", "--sign", E2, "-o", self.path("plain.json"))
        r = self.ok("merge", self.file, self.path("plain.json"))
        self.assertIn("kept as unsigned", r.stdout)
        r = self.user_error("verify", self.file, "--roster", roster, "--json")
        states = {i["entry"] + i["what"]: i["state"] for i in json.loads(r.stdout)}
        self.assertEqual(states[E2 + "sign-off"], "unsigned")

    def test_editing_a_merged_outcome_in_the_portfolio_is_a_bad_signature(self):
        key, card = self.keygen("Pat Mentor", "pat")
        roster = self.academy_roster(card)
        self.ok("review", self.file, "--key", key, "--outcome", E3, "not-on-track", "-o", self.path("p.json"))
        self.ok("merge", self.file, self.path("p.json"))
        self.ok("verify", self.file, "--roster", roster)
        doc = json.loads(read(self.file))
        for c in doc["comments"]:
            c["outcome"] = "pass"
        with open(self.file, "w") as f:
            json.dump(doc, f)
        r = self.user_error("verify", self.file, "--roster", roster)
        self.assertIn("bad-signature  outcome  " + E3, r.stdout)

    def test_reused_comment_id_cannot_replace_another_reviewers_outcome(self):
        key, card = self.keygen("Pat Mentor", "pat")
        self.ok("review", self.file, "--key", key, "--outcome", E3, "not-on-track", "-o", self.path("p.json"))
        self.ok("merge", self.file, self.path("p.json"))
        original = json.loads(read(self.path("p.json")))["comments"][0]
        fake = {"format": "pathway-feedback", "schema": 1,
                "reviewer": {"name": "Someone", "role": "Mentor"}, "practitioner": "Alex Invented",
                "comments": [dict(original, outcome="pass", author="Someone", at="2027-01-01T00:00:00Z")]}
        del fake["comments"][0]["signature"]
        with open(self.path("fake.json"), "w") as f:
            json.dump(fake, f)
        r = self.ok("merge", self.file, self.path("fake.json"))
        self.assertIn("both are kept", r.stdout)
        outcomes = sorted((c["author"], c["outcome"]) for c in json.loads(read(self.file))["comments"])
        self.assertEqual(outcomes, [("Pat Mentor", "not-on-track"), ("Someone", "pass")])

    def test_expired_roster_entry(self):
        key, card = self.keygen("Pat Mentor", "pat")
        roster = self.academy_roster(card, valid_from="2020-01-01", valid_until="2021-12-31")
        self.ok("review", self.file, "--key", key, "--sign", E1, "-o", self.path("p.json"))
        self.ok("merge", self.file, self.path("p.json"))
        r = self.user_error("verify", self.file, "--roster", roster)
        self.assertIn("expired  sign-off", r.stdout)
        self.assertIn("from 2020-01-01 to 2021-12-31", r.stdout)
        # An edited roster is refused outright.
        doc = read(roster).replace("2021-12-31", "2099-12-31")
        with open(self.path("edited-roster.json"), "w") as f:
            f.write(doc)
        r = self.user_error("verify", self.file, "--roster", self.path("edited-roster.json"))
        self.assertIn("changed after the academy signed it", r.stderr)

    def test_sign_off_on_a_missing_entry_is_refused(self):
        key, _ = self.keygen("Pat Mentor", "pat")
        self.ok("review", self.file, "--key", key, "--sign", E1, "-o", self.path("p.json"))
        doc = json.loads(read(self.file))
        doc["entries"] = [e for e in doc["entries"] if e["id"] != E1]
        with open(self.file, "w") as f:
            json.dump(doc, f)
        before = read(self.file, "rb")
        r = self.user_error("merge", self.file, self.path("p.json"))
        self.assertIn("not in this portfolio", r.stderr)
        self.assertEqual(read(self.file, "rb"), before)

    def test_withdrawal_is_recorded(self):
        key, card = self.keygen("Pat Mentor", "pat")
        roster = self.academy_roster(card)
        self.ok("review", self.file, "--key", key, "--sign", E1, "-o", self.path("p.json"))
        self.ok("merge", self.file, self.path("p.json"))
        self.user_error("withdraw", self.file, E1, "--reason", "  ")
        self.ok("withdraw", self.file, E1, "--reason", "signed the wrong version")
        doc = json.loads(read(self.file))
        self.assertEqual(len(doc["sign_offs"]), 1, "kept, not deleted")
        self.assertEqual(doc["sign_offs"][0]["withdrawn_reason"], "signed the wrong version")
        r = self.ok("verify", self.file, "--roster", roster)
        self.assertIn("withdrawn  sign-off", r.stdout)
        self.assertIn("signed the wrong version", r.stdout)
        self.user_error("withdraw", self.file, E1, "--reason", "again")

    def test_import_keeps_carried_reviews_unsigned_and_says_so(self):
        key, _ = self.keygen("Pat Mentor", "pat")
        self.ok("review", self.file, "--key", key, "--sign", E1, "-o", self.path("p.json"))
        self.ok("merge", self.file, self.path("p.json"))
        target = self.path("target.json")
        self.ok("init", target, "--name", "Alex Invented", "--stage", "asye", "--asye-start", "2026-09-07")
        r = self.ok("import", target, "--from", "json", self.file)
        self.assertIn("kept as unsigned", r.stdout)
        self.assertNotIn("signature", json.dumps(json.loads(read(target))["sign_offs"]))
        leap = self.path("p.xml")
        self.ok("export", self.file, "--format", "leap2a", "-o", leap)
        target2 = self.path("target2.json")
        self.ok("init", target2, "--name", "Alex Invented")
        r = self.ok("import", target2, "--from", "leap2a", leap)
        self.assertIn("kept as unsigned", r.stdout)

    def test_older_feedback_files_merge_as_unsigned(self):
        old = {"format": "pathway-feedback", "schema": 1,
               "reviewer": {"name": "Pat Mentor", "role": "Practice educator"},
               "practitioner": "Alex Invented",
               "comments": [{"id": "c-old", "entry": E1, "text": "Good", "at": "2026-10-01T10:00:00Z"}]}
        with open(self.path("old.json"), "w") as f:
            json.dump(old, f)
        r = self.ok("merge", self.file, self.path("old.json"))
        self.assertIn("kept as unsigned", r.stdout)
        self.assertIn("unsigned  comment", self.user_error("verify", self.file).stdout)

    # --- output that cannot be spoofed ------------------------------------------------------------

    def test_terminal_control_characters_are_stripped(self):
        doc = json.loads(read(self.file))
        for e in doc["entries"]:
            if e["id"] == E1:
                e["title"] = "Court\x1b[2K\r skills\x07\x9b31m"
        with open(self.file, "w") as f:
            json.dump(doc, f)
        self.ok("review", self.file, "--reviewer", "Pat\x1b]0;x\x07 Mentor", "--sign", E1,
                "-o", self.path("p.json"))
        self.ok("merge", self.file, self.path("p.json"))
        for args in (("verify", self.file), ("list", self.file)):
            r = run(*args)
            for out in (r.stdout, r.stderr):
                for ch in ("\x1b", "\r", "\x07", "\x9b"):
                    self.assertNotIn(ch, out, f"{args}: {out!r}")
            self.assertIn("Court[2K skills31m", r.stdout)
        # An export to standard output keeps the file's own bytes (JSON escapes them).
        r = run("export", self.file, "--format", "json", "-o", "-")
        titles = [e["title"] for e in json.loads(r.stdout)["entries"] if e["id"] == E1]
        self.assertEqual(titles, ["Court\x1b[2K\r skills\x07\x9b31m"])


if __name__ == "__main__":
    unittest.main()
