"""Issue 16: pathway-cli sync against a real CouchDB-protocol server (npm's pouchdb-server,
installed by scripts/setup.sh into .deps/pouchdb-server), started on 127.0.0.1 on a free port
and stopped afterwards. Deployments use Apache CouchDB; pouchdb-server speaks its HTTP API.

A small proxy between the CLI and the server plays the bad moments: the server killed when the
push begins, and a second device writing the same document between the pull and the push."""
import base64
import http.client
import http.server
import json
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.request

CLI = os.environ.get("PATHWAY_CLI", "build/bin/pathway-cli")
POUCHDB = os.environ.get("PATHWAY_POUCHDB_SERVER", ".deps/pouchdb-server/node_modules/.bin/pouchdb-server")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """pouchdb-server on 127.0.0.1; persistent in `folder` (leveldb) so a restart keeps data."""

    def __init__(self, folder, port=None):
        self.folder = folder
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = None

    def start(self):
        if not os.path.exists(POUCHDB):
            raise AssertionError(f"{POUCHDB} is missing: run scripts/setup.sh (make setup)")
        os.makedirs(self.folder, exist_ok=True)
        self.log = open(os.path.join(self.folder, "server.log"), "ab")
        # Its config.json and log.txt land in the working folder: the test's own.
        self.proc = subprocess.Popen([POUCHDB, "--host", "127.0.0.1", "--port", str(self.port),
                                      "--dir", os.path.join(self.folder, "data")],
                                     cwd=self.folder, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/", timeout=1) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.1)
            if self.proc.poll() is not None:
                break
        raise AssertionError("pouchdb-server did not start; see " + self.log.name)

    def kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.proc = None
        if getattr(self, "log", None):
            self.log.close()
            self.log = None

    def request(self, method, path, body=None, auth=None):
        data = None if body is None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json"}
        if auth:
            headers["Authorization"] = "Basic " + base64.b64encode(":".join(auth).encode()).decode()
        req = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status, json.loads(r.read() or b"null")
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"null")


class Proxy:
    """Forwards to the server; `on_bulk_docs(proxy)` runs once, when the first push arrives,
    and returns False to drop the connection instead of forwarding."""

    def __init__(self, upstream_port, on_bulk_docs):
        self.upstream_port = upstream_port
        self.on_bulk_docs = on_bulk_docs
        self.fired = False
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def forward(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path.split("?")[0].endswith("/_bulk_docs") and not proxy.fired:
                    proxy.fired = True
                    if not proxy.on_bulk_docs(proxy):
                        self.close_connection = True
                        self.connection.shutdown(socket.SHUT_RDWR)
                        return
                conn = http.client.HTTPConnection("127.0.0.1", proxy.upstream_port, timeout=30)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
                conn.request(self.command, self.path, body=body, headers=headers)
                resp = conn.getresponse()
                data = resp.read()
                self.send_response(resp.status)
                for k, v in resp.getheaders():
                    if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                conn.close()

            do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = forward

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def run(*args, env=None, timeout=120):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


class SyncBase(unittest.TestCase):
    DB = "sam-example"

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.server = Server(os.path.join(self.dir, "server")).start()
        self.phone = self.init("phone.json")
        self.laptop = self.init("laptop.json")

    def tearDown(self):
        self.server.kill()
        self.tmp.cleanup()

    def init(self, name):
        path = os.path.join(self.dir, name)
        r = run("init", path, "--name", "Sam Example", "--stage", "asye", "--asye-start", "2026-09-07")
        self.assertEqual(r.returncode, 0, r.stderr)
        return path

    def add(self, path, title, date="2026-10-01"):
        r = run("add", path, "cpd", "--title", title, "--date", date, "--hours", "2")
        self.assertEqual(r.returncode, 0, r.stderr)
        return r.stdout.strip()

    def sync(self, path, url=None, expect=0):
        r = run("sync", path, "--server", url or self.server.url, "--db", self.DB, "--json")
        self.assertEqual(r.returncode, expect, r.stdout + r.stderr)
        return json.loads(r.stdout) if expect == 0 else r

    def load(self, path):
        with open(path) as f:
            return json.load(f)

    def save(self, path, doc):
        with open(path, "w") as f:
            json.dump(doc, f, indent=2)

    def edit(self, path, entry_id, title, updated):
        """What the app does on an edit: the entry's text and its updated time."""
        doc = self.load(path)
        for e in doc["entries"]:
            if e["id"] == entry_id:
                e["title"] = title
                e["updated"] = updated
        self.save(path, doc)

    def delete(self, path, entry_id, when="2026-11-05T10:00:00Z"):
        doc = self.load(path)
        doc["entries"] = [e for e in doc["entries"] if e["id"] != entry_id]
        doc["tombstones"] = sorted(doc["tombstones"] + [{"id": entry_id, "deleted": when}],
                                   key=lambda t: t["id"])
        self.save(path, doc)

    def content(self, path):
        """What two synced copies share: entries, tombstones, reviews and the profile."""
        doc = self.load(path)
        entries = sorted(doc["entries"], key=lambda e: e["id"])
        return {"profile": doc["profile"], "entries": entries,
                "tombstones": [t["id"] for t in doc["tombstones"]],
                "comments": doc["comments"], "sign_offs": doc["sign_offs"]}

    def bytes(self, path):
        with open(path, "rb") as f:
            return f.read()

    def titles(self, path):
        return sorted(e["title"] for e in self.load(path)["entries"])


class RoundTrip(SyncBase):
    def test_phone_and_laptop_edit_offline_and_end_identical(self):
        court = self.add(self.phone, "Court skills")
        risk = self.add(self.phone, "Risk assessment")
        first = self.sync(self.phone)
        self.assertEqual(first["pushed"], 3)  # the profile and two entries
        got = self.sync(self.laptop)
        self.assertEqual(got["entries_added"], 2)
        self.assertEqual(self.titles(self.laptop), ["Court skills", "Risk assessment"])

        # Edits on both, then offline edits on both (the server is down meanwhile).
        self.edit(self.phone, court, "Court skills (day 1)", "2026-11-01T09:00:00Z")
        self.sync(self.phone)
        self.sync(self.laptop)
        self.server.kill()
        phone_only = self.add(self.phone, "Written on the train")
        self.delete(self.laptop, risk)
        laptop_only = self.add(self.laptop, "Written at home")
        offline = self.sync(self.phone, expect=1)
        self.assertIn("Cannot reach the sync server at " + self.server.url, offline.stderr)
        self.server.start()

        self.sync(self.phone)
        self.sync(self.laptop)
        self.sync(self.phone)
        self.assertEqual(self.content(self.phone), self.content(self.laptop))
        titles = self.titles(self.phone)
        self.assertEqual(titles, ["Court skills (day 1)", "Written at home", "Written on the train"])
        self.assertIn(risk, self.content(self.phone)["tombstones"])
        self.assertTrue({phone_only, laptop_only} <= {e["id"] for e in self.content(self.laptop)["entries"]})

        # Deleted stays deleted: on the server, and after more syncs on both.
        status, doc = self.server.request("GET", f"/{self.DB}/entry:{risk}")
        self.assertEqual(status, 404)
        self.sync(self.laptop)
        self.sync(self.phone)
        self.assertNotIn("Risk assessment", self.titles(self.phone) + self.titles(self.laptop))

    def test_an_entry_edited_on_both_keeps_both(self):
        court = self.add(self.phone, "Court skills")
        self.sync(self.phone)
        self.sync(self.laptop)
        self.edit(self.phone, court, "Phone version", "2026-11-01T09:00:00Z")
        self.edit(self.laptop, court, "Laptop version", "2026-11-01T10:00:00Z")
        self.sync(self.phone)
        got = self.sync(self.laptop)
        self.assertEqual(got["conflicting_copies"], 1)
        self.sync(self.phone)
        self.assertEqual(self.content(self.phone), self.content(self.laptop))
        self.assertEqual(self.titles(self.phone), ["Laptop version", "Phone version (conflicting copy)"])


class Mentor(SyncBase):
    def test_a_mentors_comment_and_sign_off_arrive_by_sync(self):
        court = self.add(self.phone, "Court skills")
        self.sync(self.phone)
        # The mentor's tool: a feedback made from the synced copy, written as documents.
        # Signed with the mentor's key (issue 17), so the signatures must survive the trip.
        key, card = (os.path.join(self.dir, n) for n in ("pat.key", "pat.card.json"))
        academy = os.path.join(self.dir, "academy.key")
        roster = os.path.join(self.dir, "roster.json")
        for args in (["keygen", "--name", "Pat Mentor", "--role", "Practice educator",
                      "--organisation", "Example Council", "-o", key],
                     ["keygen", "--name", "Example Academy", "--role", "Academy",
                      "--organisation", "Example Academy", "-o", academy],
                     ["roster", "sign", "--key", academy, "--valid-from", "2020-01-01",
                      "--valid-until", "2099-12-31", "--card", card, "-o", roster]):
            r = run(*args)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        feedback = os.path.join(self.dir, "fb.json")
        r = run("review", self.phone, "--key", key,
                "--comment", court, "Clear link to practice", "--sign", court, "-o", feedback)
        self.assertEqual(r.returncode, 0, r.stderr)
        # The mentor's copy of the database takes the feedback in and syncs: only the comment
        # and sign-off documents are new, so only they go to the server.
        mentor = os.path.join(self.dir, "mentor.json")
        shutil.copy(self.phone, mentor)
        r = run("merge", mentor, feedback)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        sent = self.sync(mentor)
        self.assertEqual(sent["pushed"], 2, sent)
        got = self.sync(self.laptop)
        self.assertEqual(got["comments_added"], 1)
        self.assertEqual(got["sign_offs_added"], 1)
        self.sync(self.phone)
        for path in (self.phone, self.laptop):
            doc = self.load(path)
            self.assertEqual([c["text"] for c in doc["comments"]], ["Clear link to practice"])
            self.assertEqual(doc["sign_offs"][0]["reviewer"], "Pat Mentor")
            verify = run("verify", path, "--roster", roster)
            self.assertEqual(verify.returncode, 0, "STDOUT " + verify.stdout + " STDERR " + verify.stderr)
            self.assertEqual(verify.stdout.count("authentic  "), 2, verify.stdout)

    def test_a_new_database_gets_the_access_rules(self):
        self.sync(self.phone)
        status, design = self.server.request("GET", f"/{self.DB}/_design/pathway")
        self.assertEqual(status, 200)
        self.assertIn("Mentors and assessors write only comments and sign-offs",
                      design["validate_doc_update"])
        status, security = self.server.request("GET", f"/{self.DB}/_security")
        self.assertEqual(status, 200)
        self.assertIn("members", security)


    def test_mentors_write_only_comments_and_sign_offs(self):
        # Not an admin party any more: an admin, and the mentor as a user of the server.
        status, _ = self.server.request("PUT", "/_config/admins/admin", "adminpw")
        self.assertIn(status, (200, 201))
        admin = ("admin", "adminpw")
        status, _ = self.server.request("PUT", "/_users/org.couchdb.user:pat", {
            "name": "pat", "password": "patpw", "roles": [], "type": "user"}, auth=admin)
        self.assertEqual(status, 201)
        court = self.add(self.phone, "Court skills")
        r = run("sync", self.phone, "--server", self.server.url, "--db", self.DB, "--user", "admin",
                "--reader", "pat", env={"PATHWAY_SYNC_PASSWORD": "adminpw"})
        self.assertEqual(r.returncode, 0, r.stderr)
        status, security = self.server.request("GET", f"/{self.DB}/_security", auth=admin)
        self.assertEqual(security["members"]["names"], ["admin", "pat"])
        pat = ("pat", "patpw")
        comment = {"type": "comment", "comment": {"id": "c-pat", "entry": court, "author": "pat",
                                                  "role": "Mentor", "text": "Good", "requests_evidence": False}}
        status, answer = self.server.request("PUT", f"/{self.DB}/comment:c-pat", comment, auth=pat)
        self.assertEqual(status, 201, answer)
        status, answer = self.server.request("PUT", f"/{self.DB}/comment:c-pat",
                                             dict(comment, _rev=answer["rev"], text="Changed"), auth=pat)
        self.assertEqual(status, 403, answer)
        status, doc = self.server.request("GET", f"/{self.DB}/entry:{court}", auth=admin)
        doc["entry"]["title"] = "Rewritten by the mentor"
        status, answer = self.server.request("PUT", f"/{self.DB}/entry:{court}", doc, auth=pat)
        self.assertEqual(status, 403, answer)
        self.assertIn("only comments and sign-offs", answer["reason"])
        r = run("sync", self.phone, "--server", self.server.url, "--db", self.DB, "--user", "admin",
                env={"PATHWAY_SYNC_PASSWORD": "adminpw"})
        self.assertEqual(r.returncode, 0, r.stderr)
        doc = self.load(self.phone)
        self.assertEqual([c["text"] for c in doc["comments"]], ["Good"])
        self.assertEqual(doc["entries"][0]["title"], "Court skills")


class BadMoments(SyncBase):
    def test_server_killed_mid_sync_changes_nothing_and_the_next_sync_completes(self):
        self.add(self.phone, "Court skills")
        self.sync(self.phone)
        self.add(self.phone, "Written before the crash")
        before = self.bytes(self.phone)

        def kill_server(proxy):
            self.server.kill()
            return False

        proxy = Proxy(self.server.port, kill_server)
        try:
            r = self.sync(self.phone, url=proxy.url, expect=1)
            self.assertTrue(proxy.fired, "the sync never reached its push")
            self.assertIn("Cannot reach the sync server", r.stderr)
            self.assertEqual(self.bytes(self.phone), before)
        finally:
            proxy.close()
        self.server.start()
        done = self.sync(self.phone)
        self.assertEqual(done["pushed"], 1)
        self.sync(self.laptop)
        self.assertEqual(self.titles(self.laptop), ["Court skills", "Written before the crash"])

    def test_a_409_race_is_fetched_merged_and_retried(self):
        court = self.add(self.phone, "Court skills")
        self.sync(self.phone)
        self.edit(self.phone, court, "Phone version", "2026-11-01T09:00:00Z")

        def laptop_writes_first(proxy):
            status, doc = self.server.request("GET", f"/{self.DB}/entry:{court}")
            doc["entry"]["title"] = "Laptop version"
            doc["entry"]["updated"] = "2026-11-01T10:00:00Z"
            status, answer = self.server.request("PUT", f"/{self.DB}/entry:{court}", doc)
            assert status == 201, answer
            return True

        proxy = Proxy(self.server.port, laptop_writes_first)
        try:
            got = self.sync(self.phone, url=proxy.url)
        finally:
            proxy.close()
        self.assertTrue(proxy.fired)
        self.assertGreaterEqual(got["retries"], 1)
        self.assertEqual(self.titles(self.phone), ["Laptop version", "Phone version (conflicting copy)"])
        self.sync(self.laptop)
        self.assertEqual(self.content(self.laptop), self.content(self.phone))

    def test_server_side_conflicts_are_resolved_and_the_loser_deleted(self):
        court = self.add(self.phone, "Court skills")
        self.sync(self.phone)
        path = f"/{self.DB}/entry:{court}"
        status, doc = self.server.request("GET", path)
        first = doc["_rev"]
        # Two children of the first revision, as replication between servers leaves them: an
        # edit here, and one made on another server that saw neither (a CouchDB conflict).
        here = json.loads(json.dumps(doc))
        here["entry"].update(title="Server edit", updated="2026-11-01T10:00:00Z")
        status, answer = self.server.request("PUT", path, here)
        self.assertEqual(status, 201, answer)
        other = json.loads(json.dumps(doc))
        other["entry"].update(title="Replicated version", updated="2026-11-02T10:00:00Z")
        other["_rev"] = "2-" + "f" * 32
        other["_revisions"] = {"start": 2, "ids": ["f" * 32, first.split("-", 1)[1]]}
        # pouchdb-server's validation plugin drops new_edits=false writes silently while a
        # validate_doc_update exists (Apache CouchDB applies them): the replicator's write goes in
        # without the design document.
        status, design = self.server.request("GET", f"/{self.DB}/_design/pathway")
        status, _ = self.server.request("DELETE", f"/{self.DB}/_design/pathway?rev=" + design["_rev"])
        self.assertEqual(status, 200)
        status, answer = self.server.request("POST", f"/{self.DB}/_bulk_docs",
                                             {"docs": [other], "new_edits": False})
        self.assertEqual(status, 201, answer)
        status, doc = self.server.request("GET", path + "?conflicts=true")
        self.assertEqual(len(doc.get("_conflicts", [])), 1, doc)

        got = self.sync(self.phone)
        self.assertEqual(got["server_conflicts_resolved"], 1)
        status, doc = self.server.request("GET", path + "?conflicts=true")
        self.assertNotIn("_conflicts", doc)
        # The same rules as a save's merge: the newer is the entry, the other a copy.
        self.assertEqual(doc["entry"]["title"], "Replicated version")
        self.assertEqual(self.titles(self.phone), ["Replicated version", "Server edit (conflicting copy)"])
        self.sync(self.laptop)
        self.assertEqual(self.content(self.laptop), self.content(self.phone))

    def test_errors_say_what_is_wrong(self):
        r = run("sync", self.phone, "--server", "http://127.0.0.1:%d" % free_port(), "--db", self.DB)
        self.assertEqual(r.returncode, 1)
        self.assertIn("Cannot reach the sync server", r.stderr)
        r = run("sync", self.phone, "--server", "127.0.0.1:5984", "--db", self.DB)
        self.assertEqual(r.returncode, 1)
        self.assertIn("must start with http:// or https://", r.stderr)
        r = run("sync", self.phone, "--server", self.server.url, "--db", "Not A Name")
        self.assertEqual(r.returncode, 1)
        self.assertIn("is not one CouchDB accepts", r.stderr)
        r = run("sync", self.phone, "--server", self.server.url, "--db", self.DB, "--password", "x")
        self.assertEqual(r.returncode, 2)  # never a flag
        # A refused login: an admin is set up, then a wrong password.
        status, _ = self.server.request("PUT", "/_config/admins/admin", "right")
        self.assertIn(status, (200, 201))
        r = run("sync", self.phone, "--server", self.server.url, "--db", self.DB, "--user", "admin",
                env={"PATHWAY_SYNC_PASSWORD": "wrong"})
        self.assertEqual(r.returncode, 1)
        self.assertIn("refused the user name or password", r.stderr)
        r = run("sync", self.phone, "--server", self.server.url, "--db", self.DB, "--user", "admin",
                env={"PATHWAY_SYNC_PASSWORD": "right"})
        self.assertEqual(r.returncode, 0, r.stderr)


class CohortFromServer(SyncBase):
    """pathway-cli cohort --server: the academy's report read straight from the databases."""

    PRACTITIONERS = [("pw-ali", "Ali Example", "asye"), ("pw-bo", "Bo Example", "social-worker"),
                     ("pw-cy", "Cy Example", "asye")]

    def make_cohort(self):
        folder = os.path.join(self.dir, "cohort")
        os.makedirs(folder)
        for i, (db, name, stage) in enumerate(self.PRACTITIONERS):
            path = os.path.join(folder, db + ".json")
            args = ["init", path, "--name", name, "--stage", stage]
            if stage == "asye":
                args += ["--asye-start", "2026-09-07"]
            r = run(*args)
            self.assertEqual(r.returncode, 0, r.stderr)
            for n in range(i + 1):
                self.add(path, f"Training {n} for {name}", date=f"2026-10-{n + 10:02d}")
            r = run("sync", path, "--server", self.server.url, "--db", db)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        # Someone else's database on the same server: not in the cohort.
        self.sync(self.phone)
        return folder

    def report(self, *source, fmt="csv"):
        out = os.path.join(self.dir, f"report-{len(os.listdir(self.dir))}.{fmt}")
        r = run("cohort", *source, "--format", fmt, "-o", out, "--today", "2026-12-01", "--labels")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        with open(out, encoding="utf-8") as f:
            return f.read(), r.stdout

    def test_the_report_from_the_server_is_the_folders_report(self):
        folder = self.make_cohort()
        server = ("--server", self.server.url, "--db-prefix", "pw-")
        from_server, said = self.report(*server)
        from_folder, _ = self.report(folder)
        self.assertIn("(3 practitioners)", said)
        # The same rows; each named by its database instead of its file.
        self.assertEqual(from_server, from_folder.replace(".json,", ","))
        self.assertIn("Cy Example", from_server)
        self.assertNotIn("Sam Example", from_server)
        html_server, _ = self.report(*server, fmt="html")
        html_folder, _ = self.report(folder, fmt="html")
        self.assertEqual(html_server, html_folder.replace(".json", ""))
        anonymised = run("cohort", *server, "--format", "csv", "-o", "-", "--today", "2026-12-01",
                         "--anonymise")
        self.assertEqual(anonymised.returncode, 0, anonymised.stderr)
        self.assertNotIn("Ali Example", anonymised.stdout)
        self.assertIn("Practitioner 3", anonymised.stdout)

    def test_a_bad_server_or_login_is_one_sentence(self):
        self.make_cohort()
        out = os.path.join(self.dir, "r.csv")
        base = ["cohort", "--db-prefix", "pw-", "--format", "csv", "-o", out]
        r = run(*base, "--server", "http://127.0.0.1:%d" % free_port())
        self.assertEqual(r.returncode, 1)
        self.assertIn("Cannot reach the sync server", r.stderr)
        self.assertEqual(len(r.stderr.strip().splitlines()), 1, r.stderr)
        r = run(*base, "--server", self.server.url, "--password", "x")
        self.assertEqual(r.returncode, 2)  # never a flag
        r = run(*base[:2], "zz-", *base[3:], "--server", self.server.url)
        self.assertEqual(r.returncode, 1)
        self.assertIn('no database on', r.stderr)
        status, _ = self.server.request("PUT", "/_config/admins/admin", "right")
        self.assertIn(status, (200, 201))
        r = run(*base, "--server", self.server.url, "--user", "admin", env={"PATHWAY_SYNC_PASSWORD": "wrong"})
        self.assertEqual(r.returncode, 1)
        self.assertIn("refused the user name or password", r.stderr)
        self.assertEqual(len(r.stderr.strip().splitlines()), 1, r.stderr)
        self.assertFalse(os.path.exists(out))
        r = run(*base, "--server", self.server.url, "--user", "admin", env={"PATHWAY_SYNC_PASSWORD": "right"})
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("(3 practitioners)", r.stdout)


if __name__ == "__main__":
    unittest.main()
