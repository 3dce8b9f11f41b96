#include "pathway/core/leap2a.hpp"

#include "pathway/core/integrity.hpp"
#include "pathway/core/kinds.hpp"
#include "pathway/core/portfolio_io.hpp"
#include "pathway/core/text.hpp"
#include "pathway/core/zip.hpp"

#include "swar.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <map>
#include <set>
#include <unordered_set>
#include <nlohmann/json.hpp>

namespace pathway::core {

using nlohmann::json;

namespace {

/// Deepest element nesting a LEAP2A file may have (real feeds: about 10).
constexpr int kMaxXmlNesting = 256;
constexpr const char* kAtom = "http://www.w3.org/2005/Atom";
constexpr const char* kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr const char* kLeap2 = "http://terms.leapspecs.org/";
constexpr const char* kCategories = "http://wiki.leapspecs.org/2A/categories";
constexpr const char* kTagScheme = "urn:pathway:framework-item";

// XML 1.0 forbids most control characters; replace them (and broken UTF-8) with U+FFFD.
// Plain ASCII is copied in runs found eight bytes at a time (issue 7).
std::string xmlText(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    const char* p = s.data();
    const size_t n = s.size();
    size_t run = 0, i = 0;
    auto flushReplacing = [&](size_t skip) {
        out.append(p + run, i - run);
        out += "\xEF\xBF\xBD";
        i += skip;
        run = i;
    };
    while (i < n) {
        while (i + 8 <= n) {
            const uint64_t w = swar::load(p + i);
            if (swar::nonAscii(w) | swar::below(w, 0x20)) break;
            i += 8;
        }
        if (i >= n) break;
        const auto c = static_cast<unsigned char>(p[i]);
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            flushReplacing(1);
            continue;
        }
        if (c < 0x80) {
            ++i;
            continue;
        }
        const size_t len = utf8SequenceAt(s, i);
        if (len == 0) {
            flushReplacing(1);
            continue;
        }
        // U+FFFE and U+FFFF are not XML characters either.
        if (len == 3 && c == 0xEF && static_cast<unsigned char>(p[i + 1]) == 0xBF &&
            static_cast<unsigned char>(p[i + 2]) >= 0xBE) {
            flushReplacing(3);
            continue;
        }
        i += len;
    }
    out.append(p + run, n - run);
    return out;
}

/// pugixml's output appended to a string (std::ostringstream cost more, most under wasm).
struct StringWriter final : pugi::xml_writer {
    std::string out;
    void write(const void* data, size_t size) override {
        out.append(static_cast<const char*>(data), size);
    }
};

std::string plainContent(const Entry& e) {
    std::string out;
    for (const auto& [k, v] : e.fields) {
        if (trim(v).empty()) continue;
        const FieldSpec* f = findField(e.kind, k);
        std::string label = f && !f->label.empty() ? std::string(f->label) : k;
        out += label + ": " + v + "\n";
    }
    return out;
}

void text(pugi::xml_node parent, const char* name, std::string_view value) {
    parent.append_child(name).text().set(xmlText(value).c_str());
}

} // namespace

std::string writeLeap2a(const Portfolio& p, int64_t nowMs) {
    pugi::xml_document doc;
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    auto feed = doc.append_child("feed");
    feed.append_attribute("xmlns") = kAtom;
    feed.append_attribute("xmlns:rdf") = kRdf;
    feed.append_attribute("xmlns:leap2") = kLeap2;
    feed.append_attribute("xmlns:categories") = kCategories;
    feed.append_attribute("xmlns:pathway") = std::string(kPathwayLeap2aNs).c_str();
    text(feed, "leap2:version", "http://www.leapspecs.org/2010-07/2A/");
    text(feed, "id", "urn:pathway:portfolio:" + derivedUuid("portfolio:" + p.profile.name));
    text(feed, "title", "Pathway portfolio: " + p.profile.name);
    auto author = feed.append_child("author");
    text(author, "name", p.profile.name);
    text(feed, "updated", formatTimestamp(nowMs));
    auto gen = feed.append_child("generator");
    gen.text().set("Pathway");
    // Pathway's own: the whole portfolio minus entries (profile, assessed_against, reviews).
    {
        // Serialised without its entries (they follow one by one): parsing all of them back
        // only to erase them cost more than the rest of this export (issue 7).
        Portfolio head;
        head.profile = p.profile;
        head.comments = p.comments;
        head.signOffs = p.signOffs;
        head.assessedAgainst = p.assessedAgainst;
        head.extra = p.extra;
        head.tombstones = p.tombstones;
        head.revision = p.revision;
        json j = json::parse(serializePortfolio(head));
        j.erase("entries");
        text(feed, "pathway:portfolio", j.dump(-1, ' ', false, json::error_handler_t::replace));
    }
    for (const auto& e : p.entries) {
        auto en = feed.append_child("entry");
        text(en, "title", e.title);
        text(en, "id", "urn:uuid:" + e.id);
        const int64_t updated = e.updatedMs ? e.updatedMs : e.createdMs;
        text(en, "updated", updated ? formatTimestamp(updated) : e.date.toString() + "T00:00:00Z");
        if (e.createdMs) text(en, "published", formatTimestamp(e.createdMs));
        auto content = en.append_child("content");
        content.append_attribute("type") = "text";
        content.text().set(xmlText(plainContent(e)).c_str());
        en.append_child("rdf:type").append_attribute("rdf:resource") = kindSpec(e.kind).leap2aType.data();
        auto date = en.append_child("leap2:date");
        date.append_attribute("leap2:point") = "start";
        date.text().set(e.date.toString().c_str());
        for (const auto& t : e.tags) {
            auto cat = en.append_child("category");
            cat.append_attribute("term") = xmlText(t).c_str();
            cat.append_attribute("scheme") = kTagScheme;
        }
        for (const auto& l : e.links) {
            auto link = en.append_child("link");
            link.append_attribute("rel") = "related";
            link.append_attribute("href") = ("urn:uuid:" + xmlText(l)).c_str();
        }
        // Exact data for a lossless re-import.
        json exact = entryToJson(e);
        text(en, "pathway:entry", exact.dump(-1, ' ', false, json::error_handler_t::replace));
    }
    StringWriter w;
    w.out.reserve(4096 + p.entries.size() * 4096);
    doc.save(w, "  ", pugi::format_default, pugi::encoding_utf8);
    return std::move(w.out);
}

namespace {

std::string localName(const char* name) {
    std::string_view n = name;
    auto c = n.find(':');
    return std::string(c == std::string_view::npos ? n : n.substr(c + 1));
}

// Text of a node and its descendants, with line breaks at block elements (xhtml content).
void collectText(pugi::xml_node n, std::string& out) {
    for (auto c : n.children()) {
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
            out += c.value();
        } else if (c.type() == pugi::node_element) {
            std::string ln = localName(c.name());
            if (ln == "br") out += "\n";
            collectText(c, out);
            if (ln == "p" || ln == "div" || ln == "li" || ln == "h1" || ln == "h2" || ln == "h3")
                out += "\n";
        }
    }
}

// HTML held as escaped text (type="html"): tags dropped, common entities decoded.
std::string htmlToText(std::string_view h) {
    std::string out;
    for (size_t i = 0; i < h.size();) {
        if (h[i] == '<') {
            size_t e = h.find('>', i);
            if (e == std::string_view::npos) break;
            std::string tag = asciiLower(h.substr(i + 1, std::min<size_t>(e - i - 1, 4)));
            if (tag.rfind("br", 0) == 0 || tag.rfind("/p", 0) == 0 || tag.rfind("/div", 0) == 0 ||
                tag.rfind("/li", 0) == 0)
                out += "\n";
            i = e + 1;
        } else if (h[i] == '&') {
            size_t e = h.find(';', i);
            if (e == std::string_view::npos || e - i > 10) {
                out.push_back(h[i++]);
                continue;
            }
            std::string ent(h.substr(i + 1, e - i - 1));
            static const std::map<std::string, std::string> kEnt = {
                {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", " "}};
            if (auto it = kEnt.find(ent); it != kEnt.end()) {
                out += it->second;
            } else if (ent.size() > 1 && ent[0] == '#') {
                uint32_t cp = 0;
                bool ok = true;
                bool hex = ent[1] == 'x' || ent[1] == 'X';
                for (size_t k = hex ? 2 : 1; k < ent.size() && ok; ++k) {
                    char ch = ent[k];
                    int v = (ch >= '0' && ch <= '9') ? ch - '0'
                            : hex && (ch | 32) >= 'a' && (ch | 32) <= 'f' ? (ch | 32) - 'a' + 10
                                                                          : -1;
                    if (v < 0 || cp > 0x10FFFF) ok = false;
                    else cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(v);
                }
                if (!ok || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
                appendUtf8(out, cp);
            } else {
                out += "&" + ent + ";";
            }
            i = e + 1;
        } else {
            out.push_back(h[i++]);
        }
    }
    // Collapse runs of blank lines and trim.
    std::string tidy;
    int newlines = 0;
    for (char c : out) {
        if (c == '\r') continue;
        if (c == '\n') {
            if (++newlines > 2) continue;
        } else {
            newlines = 0;
        }
        tidy.push_back(c);
    }
    return std::string(trim(tidy));
}

pugi::xml_node child(pugi::xml_node n, const char* local) {
    for (auto c : n.children())
        if (c.type() == pugi::node_element && localName(c.name()) == local) return c;
    return {};
}

std::string attr(pugi::xml_node n, const char* local) {
    for (auto a : n.attributes())
        if (localName(a.name()) == local) return a.value();
    return {};
}

/// Adds `a` to the entry unless it already refers to the same place; true when added.
bool attachOnce(Entry& e, Attachment a) {
    for (const auto& mine : e.attachments)
        if (mine.ref == a.ref) return false;
    e.attachments.push_back(std::move(a));
    return true;
}

std::optional<Date> dateOf(std::string_view s) {
    s = trim(s);
    if (s.size() < 10) return std::nullopt;
    return Date::parse(s.substr(0, 10));
}

} // namespace

Leap2aRead readLeap2a(std::string_view bytes, const Catalog& catalog, int64_t nowMs,
                      const Leap2aFiles* files) {
    Leap2aRead r;
    if (bytes.size() > kMaxPortfolioBytes) {
        r.error = "This LEAP2A file is too large.";
        return r;
    }
    pugi::xml_document doc;
    pugi::xml_parse_result parsed = doc.load_buffer(bytes.data(), bytes.size(),
                                                    pugi::parse_default, pugi::encoding_auto);
    if (!parsed) {
        r.error = std::string("This is not a readable XML file (") + parsed.description() +
                  " at byte " + std::to_string(parsed.offset) + ").";
        return r;
    }
    // Nesting deeper than any feed needs is refused before anything walks it: 100,000 nested
    // <div>s overflowed the stack of the recursive text collection (issue 12).
    struct DepthWalker : pugi::xml_tree_walker {
        bool tooDeep = false;
        bool for_each(pugi::xml_node&) override {
            if (depth() <= kMaxXmlNesting) return true;
            tooDeep = true;
            return false; // stop
        }
    } walker;
    doc.traverse(walker);
    if (walker.tooDeep) {
        r.error = "This LEAP2A file nests elements more than " + std::to_string(kMaxXmlNesting) +
                  " levels deep; it cannot be read.";
        return r;
    }
    pugi::xml_node feed = doc.document_element();
    if (localName(feed.name()) != "feed") {
        r.error = "This XML file is not a LEAP2A (Atom) feed: its root element is <" +
                  std::string(feed.name()) + ">.";
        return r;
    }
    Portfolio p;
    if (auto pw = child(feed, "portfolio"); pw) {
        LoadResult whole;
        try {
            if (jsonNestingExceeds(pw.child_value(), kMaxJsonNesting)) {
                whole.error = "nested too deeply";
            } else {
                json j = json::parse(pw.child_value());
                j["entries"] = json::array();
                whole = parsePortfolio(j.dump());
            }
        } catch (const json::exception&) {
            whole.error = "not JSON";
        }
        if (whole.ok()) {
            p = std::move(*whole.portfolio);
            r.fromPathway = true;
        } else {
            r.notes.push_back("the Pathway profile in this file could not be read and was ignored");
        }
    }
    // Ids already read: Portfolio::find is a linear search, which made large feeds quadratic.
    std::unordered_set<std::string> ids;
    const std::string feedId = child(feed, "id").child_value();
    // Files from a zip: the entry each source id became, and the links to files to resolve
    // once every entry is read (a post can come before the file it links to).
    std::map<std::string, size_t> bySourceId;
    std::vector<std::pair<size_t, std::string>> attachmentLinks;
    std::set<std::string> usedFiles;
    size_t index = 0;
    for (auto en : feed.children()) {
        if (en.type() != pugi::node_element || localName(en.name()) != "entry") continue;
        ++index;
        const std::string title = std::string(trim(child(en, "title").child_value()));
        const std::string label = "entry " + std::to_string(index) + " \"" + title + "\"";
        // Pathway's exact copy, when present.
        if (auto exact = child(en, "entry"); exact && !std::string_view(exact.child_value()).empty()) {
            std::string err;
            std::optional<Entry> e;
            try {
                if (jsonNestingExceeds(exact.child_value(), kMaxJsonNesting))
                    err = "its Pathway data nests values too deeply";
                else
                    e = entryFromJson(json::parse(exact.child_value()), "entry", err);
            } catch (const json::exception&) {
                err = "its Pathway data is not JSON";
            }
            if (e) {
                if (ids.count(e->id)) {
                    r.skipped.push_back(label + ": its id appears twice");
                    continue;
                }
                ids.insert(e->id);
                p.entries.push_back(std::move(*e));
                continue;
            }
            r.notes.push_back(label + ": " + err + "; read as a plain LEAP2A entry");
        }
        std::string type;
        for (auto c : en.children())
            if (c.type() == pugi::node_element && localName(c.name()) == "type") {
                std::string res = attr(c, "resource");
                auto cut = res.find_last_of("/:#");
                type = cut == std::string::npos ? res : res.substr(cut + 1);
            }
        if (type == "person" || type == "selection") {
            r.skipped.push_back(label + " (" + type + "): " +
                                (type == "person" ? "the author's profile is not imported"
                                                  : "collections and pages only group other entries"));
            continue;
        }
        Entry e;
        const std::string srcId = child(en, "id").child_value();
        e.id = derivedUuid("leap2a:" + feedId + ":" + (srcId.empty() ? std::to_string(index) : srcId));
        if (ids.count(e.id)) {
            r.skipped.push_back(label + ": its id appears twice");
            continue;
        }
        e.title = title.empty() ? "Untitled (imported)" : title;
        if (e.title.size() > 300) e.title = e.title.substr(0, 297) + "...";
        std::string body;
        if (auto c = child(en, "content"); c) {
            std::string ctype = c.attribute("type").value();
            if (ctype == "xhtml") {
                collectText(c, body);
                body = std::string(trim(body));
            } else if (ctype == "html") {
                body = htmlToText(c.child_value());
            } else {
                body = std::string(trim(c.child_value()));
            }
        }
        if (body.empty()) body = std::string(trim(child(en, "summary").child_value()));
        std::optional<Date> date;
        for (auto c : en.children())
            if (c.type() == pugi::node_element && localName(c.name()) == "date" && !date) {
                std::string point = attr(c, "point");
                if (point.empty() || point == "start" || point == "end" || point == "target")
                    date = dateOf(c.child_value());
            }
        if (!date) date = dateOf(child(en, "published").child_value());
        if (!date) date = dateOf(child(en, "updated").child_value());
        if (!date) {
            r.skipped.push_back(label + ": it has no date");
            continue;
        }
        e.date = *date;
        std::string known;
        if (type == "entry") {
            e.kind = EntryKind::Reflection;
            if (!body.empty()) e.fields["driscoll.what"] = body;
        } else if (type == "plan") {
            e.kind = EntryKind::Goal;
            if (!body.empty()) e.fields["description"] = body;
        } else if (type == "meeting") {
            e.kind = EntryKind::Supervision;
            if (!body.empty()) e.fields["themes"] = body;
        } else if (type == "activity" || type == "achievement") {
            e.kind = EntryKind::Cpd;
            if (!body.empty()) e.fields["description"] = body;
        } else {
            e.kind = EntryKind::Note;
            if (!body.empty()) e.fields["body"] = body;
            if (type != "ability" && type != "resource")
                r.notes.push_back(label + ": type \"" + (type.empty() ? "none" : type) +
                                  "\" is not known; kept as a note");
        }
        std::vector<std::string> others;
        for (auto c : en.children()) {
            if (c.type() != pugi::node_element || localName(c.name()) != "category") continue;
            std::string term = std::string(trim(c.attribute("term").value()));
            // Skipped when not UTF-8 text: kept, it made every later save throw (found by tests/fuzz/fuzz_leap2a.cpp).
            if (term.empty() || findInvalidUtf8(term)) continue;
            if (catalog.findItem(term)) {
                e.tags.push_back(term);
            } else {
                others.push_back(term);
            }
        }
        if (!others.empty()) e.extra["leap2a_categories"] = others;
        if (auto pub = parseRfc3339(trim(child(en, "published").child_value())))
            e.createdMs = *pub;
        else
            e.createdMs = nowMs;
        if (auto up = parseRfc3339(trim(child(en, "updated").child_value())))
            e.updatedMs = *up;
        else
            e.updatedMs = e.createdMs;
        for (auto& [k, v] : e.fields)
            if (findInvalidUtf8(v)) v = "(text could not be read)";
        if (findInvalidUtf8(e.title)) e.title = "Untitled (imported)";
        if (files) {
            // A file entry names its file by an enclosure link or its content's src.
            std::vector<std::string> hrefs;
            for (auto c : en.children()) {
                if (c.type() != pugi::node_element) continue;
                const std::string ln = localName(c.name());
                const std::string rel = localName(attr(c, "rel").c_str());
                if (ln == "link" && rel == "enclosure") hrefs.push_back(attr(c, "href"));
                if (ln == "link" && rel == "has_attachment")
                    attachmentLinks.emplace_back(p.entries.size(), attr(c, "href"));
                if (ln == "content" && !attr(c, "src").empty()) hrefs.push_back(attr(c, "src"));
            }
            for (std::string href : hrefs) {
                while (href.rfind("./", 0) == 0) href.erase(0, 2);
                if (href.empty()) continue;
                const std::string path = files->base + href;
                auto it = files->sizes.find(path);
                if (it == files->sizes.end() || findInvalidUtf8(path)) {
                    r.notes.push_back(label + ": its file " + (findInvalidUtf8(href) ? "(unreadable name)" : href) +
                                      " is not in the zip");
                    continue;
                }
                const size_t slash = href.find_last_of('/');
                if (attachOnce(e, {title.empty() || findInvalidUtf8(title)
                                       ? href.substr(slash == std::string::npos ? 0 : slash + 1)
                                       : title,
                                   zipAttachmentRef(files->archive, path)}))
                    usedFiles.insert(path);
            }
            if (!srcId.empty()) bySourceId.emplace(srcId, p.entries.size());
        }
        ids.insert(e.id);
        p.entries.push_back(std::move(e));
    }
    if (files) {
        for (const auto& [from, target] : attachmentLinks) {
            auto it = bySourceId.find(target);
            if (it == bySourceId.end() || it->second == from) continue;
            for (const Attachment& a : p.entries[it->second].attachments) attachOnce(p.entries[from], a);
        }
        auto sizeText = [](uint64_t n) {
            if (n < 1024) return std::to_string(n) + " bytes";
            if (n < 1024 * 1024) return std::to_string((n + 512) / 1024) + " KB";
            return std::to_string((n + 512 * 1024) / (1024 * 1024)) + " MB";
        };
        const std::string prefix = files->archive + ": ";
        for (const Entry& e : p.entries)
            for (const Attachment& a : e.attachments) {
                if (a.ref.rfind(prefix, 0) != 0) continue;
                const std::string path = a.ref.substr(prefix.size());
                auto it = files->sizes.find(path);
                r.attachments.push_back(path + " (" + sizeText(it == files->sizes.end() ? 0 : it->second) +
                                        "): \"" + e.title + "\"");
            }
        for (const auto& [path, size] : files->sizes) {
            if (usedFiles.count(path) || path == files->base + "leap2a.xml" || path.back() == '/' ||
                findInvalidUtf8(path))
                continue;
            r.attachments.push_back(path + " (" + sizeText(size) + "): no entry uses it");
        }
    }
    r.portfolio = std::move(p);
    return r;
}

std::string zipAttachmentRef(std::string_view archive, std::string_view path) {
    return std::string(archive) + ": " + std::string(path);
}

Leap2aRead readLeap2aZip(std::string_view zip, std::string_view archiveName, const Catalog& catalog,
                         int64_t nowMs) {
    Leap2aRead r;
    ZipListing list = listZip(zip);
    if (!list.ok()) {
        r.error = "This zip cannot be read: " + list.error;
        return r;
    }
    // Mahara writes leap2a.xml at the top; a zip made again by hand often adds one folder.
    std::string feedPath;
    size_t feedDepth = SIZE_MAX;
    int sameDepth = 0;
    for (const ZipMember& m : list.members) {
        if (m.directory) continue;
        const size_t slash = m.name.find_last_of('/');
        const std::string base = slash == std::string::npos ? m.name : m.name.substr(slash + 1);
        if (asciiLower(base) != "leap2a.xml") continue;
        const size_t depth = static_cast<size_t>(std::count(m.name.begin(), m.name.end(), '/'));
        if (depth < feedDepth) {
            feedDepth = depth;
            feedPath = m.name;
            sameDepth = 1;
        } else if (depth == feedDepth) {
            ++sameDepth;
        }
    }
    if (feedPath.empty()) {
        r.error = "This zip has no leap2a.xml, so it is not an e-portfolio export (Mahara's has one "
                  "at the top).";
        return r;
    }
    if (sameDepth > 1) {
        r.error = "This zip holds more than one portfolio (" + std::to_string(sameDepth) +
                  " leap2a.xml files side by side); import them one at a time.";
        return r;
    }
    ZipBytes xml = readZipMember(zip, feedPath, kMaxPortfolioBytes);
    if (!xml.bytes) {
        r.error = "This zip's leap2a.xml cannot be read: " + xml.error;
        return r;
    }
    Leap2aFiles files;
    files.archive = std::string(archiveName.empty() ? std::string_view("export.zip") : archiveName);
    const size_t slash = feedPath.find_last_of('/');
    files.base = slash == std::string::npos ? "" : feedPath.substr(0, slash + 1);
    for (const ZipMember& m : list.members)
        if (!m.directory && m.name.rfind(files.base, 0) == 0) files.sizes[m.name] = m.size;
    r = readLeap2a(*xml.bytes, catalog, nowMs, &files);
    return r;
}

} // namespace pathway::core
