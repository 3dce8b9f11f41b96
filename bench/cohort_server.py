#!/usr/bin/env python3
"""Benchmark (issue 16): `pathway-cli cohort --server` over 1,000 practitioners' databases.

Starts npm's pouchdb-server (installed by scripts/setup.sh into .deps/pouchdb-server) in memory
on a free port of 127.0.0.1, creates the databases with _bulk_docs (each a small portfolio made
once with pathway-cli and renamed: a profile and five entries), times the report as CSV and as
HTML, and stops the server. Run by `make bench` (scripts/bench.sh is the core's), not by
`make test`: it measures, the tests in tests/sync/ check behaviour.

Environment: BENCH_COHORT_DBS (default 1000), PATHWAY_CLI, PATHWAY_POUCHDB_SERVER.
"""
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLI = os.environ.get("PATHWAY_CLI", os.path.join(ROOT, "build/bin/pathway-cli"))
POUCHDB = os.environ.get("PATHWAY_POUCHDB_SERVER",
                         os.path.join(ROOT, ".deps/pouchdb-server/node_modules/.bin/pouchdb-server"))
COUNT = int(os.environ.get("BENCH_COHORT_DBS", "1000"))
PREFIX = "bench-"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(url, method="GET", body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return r.status, json.loads(r.read() or b"null")


def cli(*args):
    r = subprocess.run([CLI, *args], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"bench cohort: pathway-cli {' '.join(args)} failed: {r.stderr.strip()}")
    return r.stdout


def template(folder):
    """A small portfolio as CouchDB documents (sync.hpp's model), made by pathway-cli."""
    path = os.path.join(folder, "template.json")
    cli("init", path, "--name", "Practitioner", "--stage", "asye", "--asye-start", "2026-09-07")
    for n in range(5):
        cli("add", path, "cpd", "--title", f"Training {n}", "--date", f"2026-10-{n + 10:02d}",
            "--hours", "2")
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    return doc


def documents(doc, i):
    profile = dict(doc["profile"], name=f"Practitioner {i:04d}")
    docs = [{"_id": "profile", "type": "profile", "profile": profile,
             "assessed_against": doc.get("assessed_against", {})}]
    for n, e in enumerate(doc["entries"]):
        entry = dict(e, id=f"{i:04d}{n:02d}00-0000-4000-8000-000000000000")
        docs.append({"_id": "entry:" + entry["id"], "type": "entry", "entry": entry})
    return docs


def main():
    for tool in (CLI, POUCHDB):
        if not os.path.exists(tool):
            sys.exit(f"bench cohort: {tool} is missing (make build; make setup)")
    with tempfile.TemporaryDirectory() as folder:
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        log = open(os.path.join(folder, "server.log"), "wb")
        server = subprocess.Popen([POUCHDB, "--host", "127.0.0.1", "--port", str(port), "--in-memory"],
                                  cwd=folder, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.time() + 30
            while True:
                try:
                    request(url + "/")
                    break
                except OSError:
                    if time.time() > deadline or server.poll() is not None:
                        sys.exit("bench cohort: pouchdb-server did not start")
                    time.sleep(0.1)
            doc = template(folder)
            t0 = time.time()
            for i in range(COUNT):
                db = f"{url}/{PREFIX}{i:04d}"
                request(db, "PUT")
                status, answer = request(db + "/_bulk_docs", "POST", {"docs": documents(doc, i)})
                if status != 201 or any("error" in a for a in answer):
                    sys.exit(f"bench cohort: _bulk_docs refused: {answer}")
            print(f"bench cohort: {COUNT} databases created in {time.time() - t0:.1f} s")
            for fmt in ("csv", "html"):
                out = os.path.join(folder, "cohort." + fmt)
                t0 = time.perf_counter()
                said = cli("cohort", "--server", url, "--db-prefix", PREFIX, "--format", fmt, "-o", out,
                           "--today", "2026-12-01")
                took = time.perf_counter() - t0
                if f"({COUNT} practitioners)" not in said:
                    sys.exit(f"bench cohort: unexpected report: {said.strip()}")
                print(f"bench cohort: cohort --server, {COUNT} databases, {fmt}: {took * 1000:.0f} ms")
        finally:
            server.kill()
            server.wait(timeout=10)
            log.close()


if __name__ == "__main__":
    main()
