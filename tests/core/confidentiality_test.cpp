// The confidentiality engine (issue 18): an invented portfolio with more than 50 identifying
// details written the way practitioners write them loses all but at most one of them in the
// moderation pack; an invented clean reflective corpus of more than 3,000 words gets at most one
// redaction per 500 words; placeholders stay the same per person across entries and fields.
// Every name, number and place below is invented.
#include "test_support.hpp"

#include "pathway/core/confidentiality.hpp"
#include "pathway/core/export.hpp"
#include "pathway/core/text.hpp"
#include "pathway/core/lexicon.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <fstream>
#include <regex>
#include <sstream>

using namespace pathway::core;

namespace {

Entry entry(const std::string& id, EntryKind kind, const std::string& title, Date date,
            std::map<std::string, std::string> fields) {
    Entry e;
    e.id = id;
    e.kind = kind;
    e.title = title;
    e.date = date;
    e.createdMs = e.updatedMs = 1'790'000'000'000;
    e.fields = std::move(fields);
    return e;
}

// One identifying detail and the fragments of it that must not survive (any one surviving,
// case-insensitively as a whole word, counts the detail as surviving).
struct Detail {
    std::string what;
    std::vector<std::string> fragments;
};

Portfolio identifyingPortfolio() {
    Portfolio p;
    p.profile.name = "Morgan Ashdown-Reeve";
    p.profile.registrationNumber = "SW908172";
    p.profile.employer = "Northshire County Council";
    p.profile.team = "Ridgeway Children's Assessment Team";
    p.profile.asyeStart = Date::parse("2026-09-07");
    const Date d = *Date::parse("2026-10-01");

    p.entries.push_back(entry(
        "e1", EntryKind::Reflection, "Home visit to Jayden Okafor", d,
        {{"model", "gibbs"},
         {"gibbs.description",
          "I visited Jayden Okafor (aged 6) with his mum Kelly-Marie Hughes at 14 Brook Lane, Ashbury, "
          "nt4 7qx. Jayden was born on the 3rd March 2019 and attends Oakfield Primary School. "
          "Kelly-Marie's partner, stepdad Lee Carter, was present. Tyler, Jayden's older brother, was at "
          "Greenbank Academy. PC Jones attended because of an earlier call-out."},
         {"gibbs.feelings",
          "Baby J, the youngest, was asleep; J.S. from the health visiting team had seen her at Ashbury "
          "Medical Centre. I felt anxious but prepared, as Gibbs would put it."}}));
    p.entries.back().tags = {"pcf:6", "okafor-family", "Tyler"};
    p.entries.back().attachments = {{"Jayden Okafor school report.pdf", "file:///home/morgan/okafor.pdf"}};

    p.entries.push_back(entry(
        "e2", EntryKind::Supervision, "Supervision with Dana Whitfield", d,
        {{"supervisor_role", "Team manager Dana Whitfield"},
         {"themes",
          "Dana and I discussed the Okafor family. Kelly's NHS number 943 476 5919 was written on the "
          "referral, and her National Insurance number is AB 12 34 56 C. Her date of birth: March 3, 1990. "
          "Lee's car, registration KX19 ZPT, was parked outside."},
         {"actions",
          "Kelly's mobile is 07700 900 461 and the school office is +44 161 496 0734. She emails "
          "kelly dot hughes at examplemail dot com. Mosaic ID 4410923; the old record is LCS-778812. "
          "Her cousin writes to jo.bloggs(at)example(dot)org."}}));

    p.entries.push_back(entry(
        "e3", EntryKind::Cpd, "Court skills: Morgan's notes", d,
        {{"type", "course"},
         {"hours", "3"},
         {"description",
          "My manager asked me (Morgan Ashdown-Reeve, SW908172) to present the case of Zoë Wójcik to the "
          "Ridgeway Children's Assessment Team at Northshire County Council."},
         {"learned", "Łukasz Nguyễn, Zoë's uncle, explained how the hearing had felt to him. morgan "
                     "ashdown-reeve wrote this note."}}));

    p.entries.push_back(entry(
        "e4", EntryKind::Observation, "Observation by Priya", d,
        {{"observer_role", "Practice educator"},
         {"context",
          "Observed by Priya Castellano during a visit to Flat 3, 22 Kingsway, Millbridge. The children's "
          "grandmother, Nan Doreen, was there; her birthday is 14th of Feb 1956. Afterwards jayden showed "
          "me his drawings."},
         {"went_well",
          "Miss O'Connor, his teacher, phoned from St Bartholomew's C of E Primary. Dr Amara Mensah saw "
          "Tyler at Royal Millbridge Infirmary; Tyler's date of birth is 21/11/2014."}}));

    p.entries.push_back(entry(
        "e5", EntryKind::Feedback, "Feedback from Siobhan", d,
        {{"source", "person"},
         {"summary",
          "DC Hartigan said Mr and Mrs Szymański had moved. Siobhan and her son Rhys (d.o.b. "
          "12.07.2016) now live at 7b Quarry Road; she wrote from siobhan.price@example.net."}}));

    p.entries.push_back(entry(
        "e6", EntryKind::Written, "Case summary for K.L.", d,
        {{"work_type", "Assessment"},
         {"summary",
          "K.L. (DOB 2017-05-09) lives with grandad Wilf and foster carer Bernadette. Jayden's school, "
          "Oakfield, sent a report. Declan Fairweather will countersign. KL said she likes drawing. "
          "Her father, Mr Okonkwo-Bright, works at Sandford Grange Nursing Home."}}));

    p.comments.push_back({"c1", "e1", "Priya Castellano", "Practice educator (Priya Castellano)",
                          "Good work with Kelly-Marie; please ask Declan Fairweather to countersign.",
                          false, "", 1'790'000'000'000});
    p.comments.push_back({"c2", "e2", "Declan Fairweather", "ASYE assessor",
                          "Morgan, well done. Check Tyler's school and tell Dana.", false, "", 1'790'000'000'001});
    p.signOffs.push_back({"e1", "Declan Fairweather", "ASYE assessor", "0", 1'790'000'000'002});
    return p;
}

// Fifty-eight details, each counted once.
std::vector<Detail> identifyingDetails() {
    return {
        {"child's full name", {"Jayden Okafor", "Okafor"}},
        {"child's first name", {"Jayden"}},
        {"hyphenated name", {"Kelly-Marie"}},
        {"mother's surname", {"Hughes"}},
        {"house and street", {"14 Brook Lane", "Brook Lane"}},
        {"town after the address", {"Ashbury"}},
        {"lower-case postcode", {"nt4 7qx"}},
        {"ordinal date of birth", {"3rd March 2019"}},
        {"primary school", {"Oakfield Primary School", "Oakfield"}},
        {"stepdad's name", {"Lee Carter", "Carter"}},
        {"stepdad's first name", {"Lee"}},
        {"name without a cue", {"Tyler"}},
        {"academy", {"Greenbank Academy", "Greenbank"}},
        {"police officer", {"PC Jones", "Jones"}},
        {"Baby X", {"Baby J"}},
        {"dotted initials", {"J.S."}},
        {"GP surgery", {"Ashbury Medical Centre"}},
        {"tag", {"okafor-family"}},
        {"attachment name", {"Jayden Okafor school report.pdf"}},
        {"attachment reference", {"okafor.pdf", "/home/morgan"}},
        {"manager in a title", {"Dana Whitfield", "Whitfield"}},
        {"manager's first name", {"Dana"}},
        {"NHS number", {"943 476 5919"}},
        {"NI number", {"AB 12 34 56 C"}},
        {"month-name date of birth", {"March 3, 1990"}},
        {"vehicle registration", {"KX19 ZPT"}},
        {"mobile number", {"07700 900 461"}},
        {"+44 number", {"+44 161 496 0734"}},
        {"e-mail written out", {"kelly dot hughes", "examplemail"}},
        {"Mosaic id", {"4410923"}},
        {"LCS id", {"LCS-778812", "778812"}},
        {"bracketed e-mail", {"jo.bloggs", "example(dot)org"}},
        {"practitioner in a title", {"Morgan"}},
        {"practitioner in free text", {"Ashdown-Reeve"}},
        {"registration number", {"SW908172"}},
        {"non-ASCII name", {"Zoë", "Wójcik"}},
        {"team in free text", {"Ridgeway Children's Assessment Team", "Ridgeway"}},
        {"employer in free text", {"Northshire County Council", "Northshire"}},
        {"non-ASCII uncle", {"Łukasz", "Nguyễn"}},
        {"reviewer in free text", {"Priya Castellano", "Castellano", "Priya"}},
        {"flat and street", {"Flat 3, 22 Kingsway", "Kingsway"}},
        {"town after a flat", {"Millbridge"}},
        {"nan's name", {"Doreen"}},
        {"birthday in words", {"14th of Feb 1956"}},
        {"lower-case repeat", {"jayden showed"}},
        {"apostrophe name", {"O'Connor"}},
        {"church school", {"St Bartholomew", "Bartholomew's"}},
        {"doctor", {"Amara Mensah", "Mensah", "Amara"}},
        {"hospital", {"Royal Millbridge Infirmary"}},
        {"numeric date of birth", {"21/11/2014"}},
        {"detective constable", {"Hartigan"}},
        {"Polish surname", {"Szymański"}},
        {"mother's first name", {"Siobhan"}},
        {"son's name", {"Rhys"}},
        {"dotted date of birth", {"12.07.2016"}},
        {"e-mail", {"siobhan.price@example.net", "siobhan.price"}},
        {"house number with a letter", {"7b Quarry Road", "Quarry Road"}},
        {"initials in a title", {"K.L."}},
        {"ISO date of birth", {"2017-05-09"}},
        {"grandad's name", {"Wilf"}},
        {"foster carer's name", {"Bernadette"}},
        {"undotted initials", {"KL said"}},
        {"hyphenated surname after Mr", {"Okonkwo-Bright"}},
        {"care home", {"Sandford Grange"}},
        {"reviewer in a comment", {"Declan Fairweather", "Fairweather", "Declan"}},
        {"reviewer in a role", {"(Priya"}},
    };
}

std::string unescapeHtml(std::string s) {
    for (auto [from, to] : std::initializer_list<std::pair<const char*, const char*>>{
             {"&#39;", "'"}, {"&quot;", "\""}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}}) {
        for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + 1)) s.replace(p, strlen(from), to);
    }
    return s;
}

bool containsWord(const std::string& haystack, const std::string& needle) {
    const std::string h = asciiLower(haystack), n = asciiLower(needle);
    for (size_t p = h.find(n); p != std::string::npos; p = h.find(n, p + 1)) {
        auto wordByte = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80; };
        const bool before = p == 0 || !wordByte(h[p - 1]) || !wordByte(n.front());
        const bool after = p + n.size() >= h.size() || !wordByte(h[p + n.size()]) || !wordByte(n.back());
        if (before && after) return true;
    }
    return false;
}

} // namespace

TEST(Anonymise, TheWordListIsLoaded) {
    auto lex = activeLexicon();
    ASSERT_TRUE(lex);
    EXPECT_GT(lex->wordCount(), 50'000u);
    EXPECT_GT(lex->nameCount(), 5'000u);
    EXPECT_TRUE(lex->isWord("reflection"));
    EXPECT_TRUE(lex->isName("Tyler"));
    EXPECT_FALSE(lex->isWord("okafor"));
    std::string error;
    EXPECT_FALSE(Lexicon::parse("pathway-lexicon/1\nwords 3\n0a\n", &error));
    EXPECT_NE(error.find("damaged"), std::string::npos);
    EXPECT_FALSE(Lexicon::parse("<html>", &error));
}

TEST(Anonymise, AtMostOneOfFiftyDetailsSurvivesTheModerationPack) {
    const Portfolio p = identifyingPortfolio();
    const auto details = identifyingDetails();
    ASSERT_GE(details.size(), 50u);
    // Every detail really is in the portfolio's own export (so the test can fail).
    const ExportContext ctx{Catalog::builtin(), *Date::parse("2026-10-15"), 1'790'000'000'000};
    const std::string original = unescapeHtml(exportPortfolio(p, ExportFormat::Html, ctx));
    std::string allText = original;
    for (const auto& e : p.entries)
        for (const auto& a : e.attachments) allText += " " + a.ref;
    for (const auto& c : p.comments) allText += " " + c.role;
    for (const auto& d : details) {
        bool present = false;
        for (const auto& f : d.fragments) present |= containsWord(allText, f);
        EXPECT_TRUE(present) << d.what << " is not in the invented portfolio";
    }
    const std::string pack = unescapeHtml(exportPortfolio(p, ExportFormat::Moderation, ctx));
    std::vector<std::string> survived;
    for (const auto& d : details)
        for (const auto& f : d.fragments)
            if (containsWord(pack, f)) {
                survived.push_back(d.what + " (\"" + f + "\")");
                break;
            }
    std::string list;
    for (const auto& s : survived) list += "\n  " + s;
    EXPECT_LE(survived.size(), 1u) << "survived the moderation pack:" << list;
    if (std::getenv("PATHWAY_TEST_VERBOSE")) { // what the pack reads like, for a person to judge
        const Portfolio a = anonymisePortfolio(p);
        for (const auto& e : a.entries) {
            std::cout << "== " << e.title << "\n";
            for (const auto& [k, v] : e.fields) std::cout << "  " << k << ": " << v << "\n";
            for (const auto& t : e.tags) std::cout << "  tag: " << t << "\n";
            for (const auto& at : e.attachments) std::cout << "  attachment: " << at.name << "\n";
        }
        for (const auto& c : a.comments) std::cout << "== comment by " << c.author << " (" << c.role << "): " << c.text << "\n";
        std::cout << "survived:" << list << "\n";
    }
    // Theory names and the reflective model stay.
    EXPECT_TRUE(containsWord(pack, "Gibbs"));
}

TEST(Anonymise, PlaceholdersAreStablePerPersonAcrossEntriesAndFields) {
    const Portfolio p = identifyingPortfolio();
    const Portfolio a = anonymisePortfolio(p);
    const std::string& e1 = a.find("e1")->fields.at("gibbs.description");
    // Jayden Okafor is a child (aged 6): the same letter in the title, the text, the attachment,
    // another entry's lower-case "jayden" and a comment.
    std::smatch m;
    ASSERT_TRUE(std::regex_search(e1, m, std::regex(R"(I visited \[(Child [A-Z]+)\])"))) << e1;
    const std::string jayden = "[" + m[1].str() + "]";
    EXPECT_EQ(a.find("e1")->title, "Home visit to " + jayden);
    EXPECT_NE(e1.find(jayden + " was born on the [date of birth]"), std::string::npos) << e1;
    EXPECT_NE(a.find("e1")->attachments[0].name.find(jayden), std::string::npos) << a.find("e1")->attachments[0].name;
    EXPECT_TRUE(a.find("e1")->attachments[0].ref.empty());
    EXPECT_NE(a.find("e4")->fields.at("context").find("Afterwards " + jayden + " showed"), std::string::npos)
        << a.find("e4")->fields.at("context");
    // Kelly-Marie Hughes is an adult (mum), the same in e1 and in the comment.
    ASSERT_TRUE(std::regex_search(e1, m, std::regex(R"(his mum \[(Adult [A-Z]+)\])"))) << e1;
    const std::string kelly = "[" + m[1].str() + "]";
    EXPECT_NE(a.comments[0].text.find("Good work with " + kelly), std::string::npos) << a.comments[0].text;
    EXPECT_NE(kelly, jayden);
    // Tyler: in free text, in a tag, in a comment, in another entry: one placeholder.
    ASSERT_TRUE(std::regex_search(e1, m, std::regex(R"((\[[A-Za-z]+ [A-Z]+\]), Jayden's older brother)")) ||
                std::regex_search(e1, m, std::regex(R"((\[[A-Za-z]+ [A-Z]+\]), \[Child [A-Z]+\]'s older brother)")))
        << e1;
    const std::string tyler = m[1].str();
    EXPECT_EQ(a.find("e1")->tags[2], tyler);
    EXPECT_EQ(a.find("e1")->tags[0], "pcf:6") << "framework tags are not text";
    EXPECT_NE(a.comments[1].text.find(tyler), std::string::npos) << a.comments[1].text;
    EXPECT_NE(a.find("e4")->fields.at("went_well").find(tyler), std::string::npos);
    // Schools are numbered, and the school's own word alone is the same school.
    ASSERT_TRUE(std::regex_search(e1, m, std::regex(R"(attends (\[School [0-9]+\]))"))) << e1;
    EXPECT_NE(a.find("e6")->fields.at("summary").find(m[1].str()), std::string::npos)
        << a.find("e6")->fields.at("summary");
    // What the portfolio knows: practitioner, reviewers (also in text), employer, team.
    EXPECT_EQ(a.profile.name, "Practitioner");
    EXPECT_EQ(a.find("e3")->title, "Court skills: [Practitioner]'s notes");
    EXPECT_NE(a.find("e3")->fields.at("description").find("[Team] at [Employer]"), std::string::npos)
        << a.find("e3")->fields.at("description");
    EXPECT_EQ(a.comments[0].author, "Reviewer 1");
    EXPECT_EQ(a.comments[1].author, "Reviewer 2");
    EXPECT_EQ(a.signOffs[0].reviewer, "Reviewer 2");
    EXPECT_NE(a.comments[0].text.find("ask [Reviewer 2] to countersign"), std::string::npos) << a.comments[0].text;
    EXPECT_EQ(a.comments[0].role, "Practice educator ([Reviewer 1])");
    EXPECT_NE(a.find("e4")->fields.at("context").find("Observed by [Reviewer 1]"), std::string::npos);
    // The same text anonymised on its own gets the portfolio's placeholders (cohort reports).
    EXPECT_EQ(anonymiseText(p, "Jayden and Tyler"), jayden + " and " + tyler);
    AnonymiseOptions numbered;
    numbered.practitionerLabel = "Practitioner 3";
    EXPECT_EQ(anonymisePortfolio(p, numbered).find("e3")->title, "Court skills: [Practitioner 3]'s notes");
    // Nothing is left for lint to find in the anonymised copy.
    std::string left;
    for (const auto& f : lintPortfolio(a)) left += "\n  " + f.field + ": " + f.match;
    EXPECT_TRUE(left.empty()) << left;
}

TEST(Anonymise, TheAsyeRecordsPeopleAreAnonymisedToo) {
    // Issue 14's record holds names: the supervisor, the assessor, who decided each step.
    Portfolio p;
    p.profile.name = "Sam Ashdown";
    p.profile.asyeStart = Date::parse("2026-09-07");
    p.profile.asye.people.push_back({AsyeRole::Supervisor, "Morgan Fairweather", true});
    p.profile.asye.people.push_back({AsyeRole::Assessor, "Jordan Pemberton", true});
    p.profile.asye.leave.push_back(
        {*Date::parse("2027-01-04"), *Date::parse("2027-02-26"), LeaveKind::Sickness,
         "Agreed with Morgan Fairweather"});
    p.profile.asye.outcome.recommendation =
        AsyeDecisionRecord{AsyeDecision::Pass, *Date::parse("2027-08-20"), "Jordan Pemberton", {},
                           "Sam Ashdown meets the standards"};
    p.profile.asye.outcome.final =
        AsyeDecisionRecord{AsyeDecision::Pass, *Date::parse("2027-09-20"), "Internal panel", {}, ""};
    p.profile.asye.extra["from_a_newer_version"] = "Morgan Fairweather";
    p.entries.push_back(entry("s1", EntryKind::Supervision, "Supervision with Morgan Fairweather",
                              *Date::parse("2026-09-14"), {}));
    const Portfolio a = anonymisePortfolio(p);
    const AsyeRecord& r = a.profile.asye;
    ASSERT_EQ(r.people.size(), 2u);
    EXPECT_EQ(r.people[0].name, "Supervisor 1");
    EXPECT_EQ(r.people[1].name, "Assessor 1");
    EXPECT_EQ(r.outcome.recommendation->by, "Assessor 1");
    EXPECT_EQ(r.outcome.recommendation->note, "[Practitioner] meets the standards");
    EXPECT_EQ(r.outcome.final->by, "Internal panel");
    EXPECT_EQ(r.leave[0].note, "Agreed with [Supervisor 1]");
    EXPECT_TRUE(r.extra.empty());
    EXPECT_EQ(a.find("s1")->title, "Supervision with [Supervisor 1]");
    EXPECT_EQ(a.profile.asye.leave[0].from, p.profile.asye.leave[0].from) << "the dates stay";
}

TEST(Anonymise, CleanReflectiveWritingIsLeftAlone) {
    const std::string corpus = pathway::test::readFixture("confidentiality/clean-reflections.txt");
    size_t words = 0;
    {
        std::istringstream in(corpus);
        std::string w;
        while (in >> w) ++words;
    }
    ASSERT_GE(words, 3000u);
    // Each paragraph is one field of one entry, as a practitioner would write it.
    Portfolio p;
    p.profile.name = "Sam Example";
    size_t n = 0, pos = 0;
    while (pos < corpus.size()) {
        size_t end = corpus.find("\n\n", pos);
        if (end == std::string::npos) end = corpus.size();
        const std::string para = corpus.substr(pos, end - pos);
        pos = end + 2;
        if (para.find_first_not_of(" \n") == std::string::npos) continue;
        Entry e = entry("r" + std::to_string(++n), EntryKind::Note, "", *Date::parse("2026-10-01"), {{"body", para}});
        p.entries.push_back(e);
    }
    const auto findings = lintPortfolio(p);
    std::string list;
    for (const auto& f : findings) list += "\n  " + std::string(findingKindId(f.at.kind)) + ": " + f.match + " (" + f.at.why + ")";
    EXPECT_LE(findings.size() * 500, words) << findings.size() << " findings in " << words << " words:" << list;
    if (std::getenv("PATHWAY_TEST_VERBOSE")) std::cout << findings.size() << " findings in " << words << " words:" << list << "\n";
}

TEST(Anonymise, FindsEachFormOnItsOwn) {
    auto kinds = [](std::string_view t) {
        std::vector<std::string> out;
        for (const auto& f : scanText(t)) out.push_back(std::string(findingKindId(f.kind)) + ":" + std::string(t.substr(f.offset, f.length)));
        return out;
    };
    using V = std::vector<std::string>;
    EXPECT_EQ(kinds("We met Jayden Okafor today."), V{"name:Jayden Okafor"});
    EXPECT_EQ(kinds("Baby J was asleep."), V{"name:J"});
    EXPECT_EQ(kinds("stepdad Lee Carter was there"), V{"name:Lee Carter"});
    EXPECT_EQ(kinds("PC Jones came."), V{"name:Jones"});
    EXPECT_EQ(kinds("her birthday is 14th of Feb 2015"), V{"date-of-birth:14th of Feb 2015"});
    EXPECT_EQ(kinds("date of birth: March 3, 2019"), V{"date-of-birth:March 3, 2019"});
    EXPECT_EQ(kinds("born on the 3rd March 2019"), V{"date-of-birth:3rd March 2019"});
    EXPECT_EQ(kinds("aged 4 (born 2019-03-03)"), V{"date-of-birth:2019-03-03"});
    EXPECT_EQ(kinds("postcode nt47qx"), V{"postcode:nt47qx"});
    EXPECT_EQ(kinds("NI JK 123456 B"), V{"ni-number:JK 123456 B"});
    EXPECT_EQ(kinds("a grey car, KX19 ZPT"), V{"vehicle-registration:KX19 ZPT"});
    EXPECT_EQ(kinds("ring +44 (0)7700 900 123"), V{"phone:+44 (0)7700 900 123"});
    EXPECT_EQ(kinds("jo dot bloggs at example dot co dot uk"), V{"email:jo dot bloggs at example dot co dot uk"});
    EXPECT_EQ(kinds("lives at 14 Brook Lane, Ashbury"), V{"address:14 Brook Lane, Ashbury"});
    EXPECT_EQ(kinds("He attends Oakfield Primary School."), V{"place:Oakfield Primary School"});
    EXPECT_EQ(kinds("I saw Tyler. Then tyler left."), (V{"name:Tyler", "name:tyler"}));
    // The inline hint says why.
    auto f = scanText("I rang Mrs Patel.");
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].why, "looks like a name after \"Mrs\"");
    // Not names: theories, frameworks, months, days, services.
    EXPECT_TRUE(kinds("Using Gibbs and Kolb, and Signs of Safety, on Monday in March I reflected on PCF 6.").empty());
    EXPECT_TRUE(kinds("The Child Protection Conference met; the child was calm.").empty());
    EXPECT_TRUE(kinds("Wellbeing came up. Multi-agency work helped. Lockdown was hard.").empty());
    EXPECT_TRUE(kinds("Section 47 enquiry; Plan B; Part C of the form.").empty());
}
