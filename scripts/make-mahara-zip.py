#!/usr/bin/env python3
"""Writes tests/fixtures/exchange/mahara-export.zip: an invented export in the layout of
Mahara's LEAP2A export (leap2a.xml at the top, the files under files/), no real person.

    python3 scripts/make-mahara-zip.py tests/fixtures/exchange/mahara-export.zip

The zip is committed; this script says how it was made (fixed dates, so it is reproducible).
"""
import sys
import zipfile

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<!-- An invented Mahara export: no real person. -->
<feed xmlns="http://www.w3.org/2005/Atom"
      xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
      xmlns:leap2="http://terms.leapspecs.org/"
      xmlns:categories="http://wiki.leapspecs.org/2A/categories/"
      xmlns:portfolio="http://mahara.example/export/leap/7/1764000000/"
      xmlns:mahara="http://wiki.mahara.org/Developer_Area/Import%2F%2FExport/LEAP_Extensions#">
  <leap2:version>http://www.leapspecs.org/2010-07/2A/</leap2:version>
  <id>http://mahara.example/export/7/1764000000</id>
  <title>Mahara Leap2A Export for Alex Sample</title>
  <updated>2026-11-20T09:00:00+00:00</updated>
  <generator uri="http://mahara.org/" version="22.10">Mahara</generator>
  <author><name>Alex Sample</name></author>
  <entry>
    <title>Alex Sample</title>
    <id>portfolio:artefact1</id>
    <updated>2026-11-20T09:00:00+00:00</updated>
    <content type="text"></content>
    <rdf:type rdf:resource="leap2:person"/>
  </entry>
  <entry>
    <title>Reflecting on a first home visit</title>
    <id>portfolio:artefact10</id>
    <published>2026-10-05T16:00:00+00:00</published>
    <updated>2026-10-06T08:00:00+00:00</updated>
    <content type="html">&lt;p&gt;I used the checklist to plan the visit.&lt;/p&gt;</content>
    <rdf:type rdf:resource="leap2:entry"/>
    <link rel="leap2:has_attachment" href="portfolio:artefact11"/>
    <link rel="leap2:has_attachment" href="portfolio:artefact12"/>
    <category term="pcf:7"/>
  </entry>
  <entry>
    <title>Home visit checklist.pdf</title>
    <id>portfolio:artefact11</id>
    <published>2026-10-04T12:00:00+00:00</published>
    <updated>2026-10-04T12:00:00+00:00</updated>
    <summary>The team's checklist, blank.</summary>
    <content type="text"></content>
    <rdf:type rdf:resource="leap2:resource"/>
    <mahara:artefactplugin mahara:type="file" mahara:plugin="file"/>
    <link rel="enclosure" href="files/11-Home visit checklist.pdf" type="application/pdf"/>
    <category scheme="categories:resource_type#" term="Offline" label="File"/>
  </entry>
  <entry>
    <title>Łukasz's notes.txt</title>
    <id>portfolio:artefact12</id>
    <published>2026-10-04T12:05:00+00:00</published>
    <updated>2026-10-04T12:05:00+00:00</updated>
    <content type="text/plain" src="files/12-Łukasz's notes.txt"></content>
    <rdf:type rdf:resource="leap2:resource"/>
    <category scheme="categories:resource_type#" term="Offline" label="File"/>
  </entry>
  <entry>
    <title>Lost scan.png</title>
    <id>portfolio:artefact13</id>
    <updated>2026-10-04T12:10:00+00:00</updated>
    <content type="text"></content>
    <rdf:type rdf:resource="leap2:resource"/>
    <link rel="enclosure" href="files/13-Lost scan.png" type="image/png"/>
  </entry>
  <entry>
    <title>Complete court skills training</title>
    <id>portfolio:artefact14</id>
    <updated>2026-09-20T12:00:00+00:00</updated>
    <content type="text">Book onto the next court skills day.</content>
    <rdf:type rdf:resource="leap2:plan"/>
    <leap2:date leap2:point="target">2027-01-31</leap2:date>
  </entry>
</feed>
"""

FILES = [
    ("leap2a.xml", FEED.encode("utf-8")),
    ("files/11-Home visit checklist.pdf",
     b"%PDF-1.4\n% An invented one-page checklist for the Pathway tests.\n%%EOF\n"),
    ("files/12-\u0141ukasz's notes.txt", "Notes in an invented name: \u0141ukasz.\n".encode("utf-8")),
    ("files/99-not attached.txt", b"A file no entry uses.\n"),
]


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with zipfile.ZipFile(sys.argv[1], "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("files/", date_time=(2026, 11, 20, 9, 0, 0)), b"")
        for name, data in FILES:
            info = zipfile.ZipInfo(name, date_time=(2026, 11, 20, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
