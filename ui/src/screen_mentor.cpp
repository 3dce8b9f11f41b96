// Reviewing someone else's portfolio (mentors, practice educators, assessors): the entries are
// read-only; comments, requests for more evidence, review outcomes and sign-offs become a
// feedback file (core/review.hpp) the practitioner merges. Nothing here touches the reviewer's
// own portfolio.
#include "exchange_state.hpp"
#include "pathway/core/catalog.hpp"
#include "pathway/core/integrity.hpp"
#include "pathway/core/kinds.hpp"
#include "pathway/core/portfolio_io.hpp"
#include "pathway/core/signing.hpp"
#include "pathway/core/text.hpp"
#include "pathway/ui/app.hpp"
#include "pathway/ui/theme.hpp"
#include "pathway/ui/widgets.hpp"
#include "ui_common.hpp"

#include <imgui.h>

#include <algorithm>

namespace pathway::ui {

using namespace pathway::core;
using namespace pathway::ui::detail;

namespace {

const char* actionLabel(ReviewAction::Type t) {
    switch (t) {
    case ReviewAction::Type::Comment:
        return "Comment";
    case ReviewAction::Type::RequestEvidence:
        return "Asks for more evidence";
    case ReviewAction::Type::SignOff:
        return "Signs this off";
    case ReviewAction::Type::Outcome:
        return "Review outcome";
    }
    return "";
}

bool matches(const Entry& e, const std::string& needle) {
    if (needle.empty()) return true;
    if (containsFolded(e.title, needle)) return true;
    for (const auto& [k, v] : e.fields)
        if (containsFolded(v, needle)) return true;
    for (const auto& t : e.tags)
        if (containsFolded(t, needle)) return true;
    return false;
}

} // namespace

bool App::mentorHasUnsavedFeedback() const {
    return m_mentor && m_mentor->unsaved();
}

void App::openForReview(std::string_view name, std::string_view bytes) {
    ExchangeState& x = *m_exchange;
    if (m_mentor && m_mentor->unsaved()) {
        x.message = "Save or close the review you have open before opening another portfolio.";
        x.messageIsError = true;
        show(Screen::Mentor);
        return;
    }
    LoadResult r = parsePortfolio(bytes);
    if (!r.portfolio) {
        x.message = "Could not open " + std::string(name) + " for review: " + r.error;
        x.messageIsError = true;
        return;
    }
    m_mentor = std::make_unique<MentorState>();
    m_mentorFromCohort = false;
    m_mentor->fileName = std::string(name);
    m_mentor->doc = std::move(*r.portfolio);
    m_mentor->reviewer = m_session.store().portfolio().profile.name;
    show(Screen::Mentor);
}

void App::drawMentor() {
    const Palette& p = palette();
    MentorState& m = *m_mentor;
    const Portfolio& doc = m.doc;
    const std::string who =
        doc.profile.name.empty() ? std::string("a portfolio") : doc.profile.name + "'s portfolio";

    // Title and the way out.
    ImGui::PushFont(fonts().title);
    ax::TextUnformatted(m_phone ? "Reviewing" : ("Reviewing " + who).c_str());
    ImGui::PopFont();
    const float closeW = em(m_mentorFromCohort ? 9.5f : 6.5f);
    ImGui::SameLine(ImGui::GetContentRegionMax().x - closeW);
    bool close = button("mentor.close", m_mentorFromCohort ? "Back to cohort" : "Close", false,
                        ImVec2(closeW, m_phone ? std::max(em(2.4f), 44.f) : em(2.2f)));
    if (m_phone) muted(who.c_str());
    mutedWrapped((m.fileName + " \xc2\xb7 " +
                  plural(static_cast<long long>(doc.entries.size()), "entry", "entries") +
                  " \xc2\xb7 read-only. What you write goes into a feedback file you send back; "
                  "nothing here changes their portfolio or yours.")
                     .c_str());
    ImGui::Dummy(ImVec2(0, em(0.4f)));
    if (m_mentorFromCohort) drawPractitionerSummary(doc);

    ReviewerKeyState& k = m_exchange->reviewerKey;
    if (!k.loaded) {
        k.loaded = true;
        k.file = m_host.loadReviewerKey();
        if (!k.file.empty() && !keyFileIsSealed(k.file)) {
            KeyFileResult r = parseKeyFile(k.file, "");
            if (r.key) k.key = std::move(r.key);
        }
    }
    auto save = [&] {
        std::vector<ReviewAction> actions = m.actions;
        FeedbackResult fb = buildFeedback(doc, trim(m.reviewer), trim(m.role), actions,
                                          m_clock.nowMs(), m.ids, k.key ? &*k.key : nullptr);
        if (!fb.feedback) {
            m.message = fb.error;
            m.messageIsError = true;
            return false;
        }
        std::string slug = fileSlug(m.reviewer);
        const std::string name = "pathway-feedback-" + (slug.empty() ? "reviewer" : slug) + "-" +
                                 m_clock.today().toString() + ".json";
        m_host.offerDownload(name, "application/json", serializeFeedback(*fb.feedback));
        m.savedActions = m.actions.size();
        m.message =
            "Saved " + name + ". Send it back to " +
            (doc.profile.name.empty() ? std::string("the practitioner") : doc.profile.name) +
            ": they choose \"Merge a feedback file\" in Share and import.";
        if (const std::string note = m_host.downloadNote(); !note.empty()) m.message += " " + note;
        m.messageIsError = false;
        return true;
    };

    if (close && m.unsaved() && !m.confirmClose) {
        m.confirmClose = true;
        close = false;
    }
    if (m.confirmClose) {
        ImGui::PushStyleColor(ImGuiCol_Border, mix(p.border, p.warn, 0.6f));
        const bool cardOpen = beginCard("mentorclose", ImVec2(0, 0));
        ImGui::PopStyleColor(); // the card keeps its border; its buttons do not
        if (cardOpen) {
            ax::TextColored(p.warn, "%s", icon::kWarning);
            ImGui::SameLine(0, em(0.4f));
            ax::TextWrapped("Your comments and sign-offs are not saved to a feedback file yet.");
            if (button("mentor.save-and-close", "Save feedback file", true)) close = save();
            ImGui::SameLine();
            if (button("mentor.close-anyway", "Close without saving", false)) close = true;
            ImGui::SameLine();
            if (button("mentor.keep-reviewing", "Keep reviewing", false)) m.confirmClose = false;
        }
        endCard();
        ImGui::Dummy(ImVec2(0, em(0.3f)));
    }
    if (close) {
        m_mentor.reset();
        if (m_mentorFromCohort && m_cohort) {
            m_mentorFromCohort = false;
            show(Screen::Cohort); // the cohort keeps its sort, filter and rows
            return;
        }
        const bool hasProfile = !trim(m_session.store().portfolio().profile.name).empty();
        show(hasProfile ? Screen::Share : Screen::Welcome);
        return;
    }

    // Who is reviewing, and the feedback file.
    if (k.key) { // the key's card is who signs: name and role come from it
        m.reviewer = k.key->card.name;
        m.role = k.key->card.role;
    }
    if (beginCard("reviewer", ImVec2(0, 0))) {
        cardTitle(icon::kReview, "Your feedback");
        ImGui::BeginDisabled(k.key.has_value());
        // Name and role side by side on a desktop, one above the other on a phone.
        if (m_phone) {
            textField("mentor.reviewer", "Your name", m.reviewer, "e.g. Pat Example", 0,
                      TextKind::Name);
            textField("mentor.role", "Your role", m.role, "e.g. Practice educator, ASYE assessor");
        } else {
            // Placed by position, not SameLine: SameLine after a frame lowers the next label to
            // the frame's text baseline, and the two fields would not line up.
            const float gap = em(1.f);
            const float half = (ImGui::GetContentRegionAvail().x - gap) * 0.5f;
            const ImVec2 top = ImGui::GetCursorScreenPos();
            textField("mentor.reviewer", "Your name", m.reviewer, "e.g. Pat Example", half,
                      TextKind::Name);
            const float bottom = ImGui::GetCursorScreenPos().y;
            ImGui::SetCursorScreenPos(ImVec2(top.x + half + gap, top.y));
            ImGui::BeginGroup(); // its lines start at the second column
            textField("mentor.role", "Your role", m.role, "e.g. Practice educator, ASYE assessor",
                      half);
            ImGui::EndGroup();
            ImGui::SetCursorScreenPos(
                ImVec2(top.x, std::max(bottom, ImGui::GetCursorScreenPos().y)));
        }
        ImGui::EndDisabled();
        int comments = 0, requests = 0, signs = 0, outcomes = 0;
        for (const auto& a : m.actions) {
            comments += a.type == ReviewAction::Type::Comment;
            requests += a.type == ReviewAction::Type::RequestEvidence;
            signs += a.type == ReviewAction::Type::SignOff;
            outcomes += a.type == ReviewAction::Type::Outcome;
        }
        ImGui::Dummy(ImVec2(0, em(0.2f)));
        if (m.actions.empty())
            mutedWrapped("Open an entry below to comment on it, ask for more evidence, record a "
                         "review outcome or sign it off.");
        else {
            std::string done;
            auto part = [&](int n, const char* one, const char* many) {
                if (n) done += (done.empty() ? "" : ", ") + plural(n, one, many);
            };
            part(comments, "comment", "comments");
            part(requests, "request for more evidence", "requests for more evidence");
            part(outcomes, "review outcome", "review outcomes");
            part(signs, "sign-off", "sign-offs");
            ax::TextWrapped(
                "%s", (done + (m.unsaved() ? ": not saved to a file yet." : ": saved.")).c_str());
        }
        ImGui::BeginDisabled(m.actions.empty());
        if (button("mentor.save", (std::string(icon::kDownload) + "  Save feedback file").c_str(),
                   true))
            save();
        ImGui::EndDisabled();
        if (!m.message.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, m.messageIsError ? p.bad : p.good);
            ax::TextWrapped("%s %s", m.messageIsError ? icon::kWarning : icon::kCheckCircle,
                               m.message.c_str());
            ImGui::PopStyleColor();
        }
    }
    endCard();
    ImGui::Dummy(ImVec2(0, em(0.3f)));
    drawReviewerKey(m.reviewer, m.role);
    ImGui::Dummy(ImVec2(0, em(0.3f)));

    // The entries, newest first.
    ImGui::PushItemWidth(-FLT_MIN);
    textField("mentor.search", "Search entries", m.search, "Title, text or framework tag", 0,
              TextKind::Search);
    ImGui::PopItemWidth();
    ImGui::Dummy(ImVec2(0, em(0.2f)));
    std::vector<size_t> order;
    const std::string needle = asciiLower(trim(m.search));
    for (size_t i = 0; i < doc.entries.size(); ++i)
        if (matches(doc.entries[i], needle)) order.push_back(i);
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return doc.entries[a].date > doc.entries[b].date; });
    if (order.empty())
        mutedWrapped(doc.entries.empty() ? "This portfolio has no entries yet."
                                         : "No entry matches the search.");
    for (size_t i : order)
        drawMentorEntry(doc.entries[i], i);
}

void App::drawReviewerKey(const std::string& name, const std::string& role) {
    const Palette& p = palette();
    ReviewerKeyState& k = m_exchange->reviewerKey;
    if (beginCard("reviewerkey", ImVec2(0, 0))) {
        cardTitle(icon::kVerified, "Your reviewer key");
        if (k.key) {
            const ReviewerCard& c = k.key->card;
            std::string who = c.name;
            for (const std::string* part : {&c.role, &c.organisation})
                if (!part->empty()) who += ", " + *part;
            ax::TextColored(p.good, "%s", icon::kCheckCircle);
            ImGui::SameLine(0, em(0.4f));
            ax::TextWrapped("Your feedback is signed as %s.", who.c_str());
            const std::string fp = "Key fingerprint " + keyFingerprint(c.publicKey);
            muted(fp.c_str());
            registerLastItem("mentor.key.fingerprint", fp.c_str());
            mutedWrapped("Give your reviewer card to the academy once: it lists you in its roster, "
                         "and then your sign-offs show as authentic. The private key stays on "
                         "this device.");
            if (button("mentor.key.card", (std::string(icon::kDownload) + "  Save my reviewer card").c_str(), false))
                m_host.offerDownload("pathway-reviewer-card-" + fileSlug(c.name) + ".json",
                                     "application/json", serializeCard(c));
        } else if (!k.file.empty()) {
            mutedWrapped("Your key on this device is protected by a passphrase. Unlock it to sign "
                         "this feedback.");
            textField("mentor.key.passphrase", "Passphrase", k.passphrase, "", 0, TextKind::Secret);
            if (button("mentor.key.unlock", "Unlock", true)) {
                KeyFileResult r = parseKeyFile(k.file, k.passphrase);
                k.passphrase.clear();
                k.messageIsError = !r.key;
                k.message = r.key ? "Unlocked." : r.error;
                if (r.key) k.key = std::move(r.key);
            }
        } else {
            mutedWrapped("Sign your feedback so the practitioner and their academy can tell it is "
                         "yours and unchanged. Make a key once: the private part stays on this "
                         "device; you share only your reviewer card. Without a key your feedback "
                         "is marked unsigned.");
            textField("mentor.key.organisation", "Your organisation", k.organisation,
                      "e.g. Example Council");
            textField("mentor.key.passphrase", "Passphrase (optional)", k.passphrase,
                      "Protects the key on this device", 0, TextKind::Secret);
            ImGui::BeginDisabled(trim(name).empty());
            if (button("mentor.key.make", "Make my reviewer key", true)) {
                SystemRandomBytes random;
                KeyResult r = generateReviewerKey(
                    {std::string(trim(name)), std::string(trim(role)), k.organisation, ""}, random);
                std::string file = r.key ? serializeKeyFile(*r.key, k.passphrase, random) : "";
                if (!r.key || file.empty()) {
                    k.message = r.key ? "No random numbers could be had: no key was made." : r.error;
                    k.messageIsError = true;
                } else {
                    m_host.saveReviewerKey(file);
                    k.file = file;
                    k.key = std::move(r.key);
                    k.passphrase.clear();
                    k.message = "Key made and kept on this device.";
                    k.messageIsError = false;
                }
            }
            ImGui::EndDisabled();
            if (trim(name).empty()) mutedWrapped("Type your name above first: the key carries it.");
        }
        if (!k.message.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, k.messageIsError ? p.bad : p.good);
            ax::TextWrapped("%s", k.message.c_str());
            ImGui::PopStyleColor();
        }
    }
    endCard();
}

void App::drawMentorEntry(const Entry& e, size_t index) {
    const Palette& p = palette();
    MentorState& m = *m_mentor;
    const Portfolio& doc = m.doc;
    const bool open = m.open == e.id;
    ImGui::PushID(static_cast<int>(index));

    // Header row: kind, title, date, what the reviewer has done on it.
    int mine = 0;
    bool signing = false;
    for (const auto& a : m.actions)
        if (a.entry == e.id) {
            ++mine;
            signing = signing || a.type == ReviewAction::Type::SignOff;
        }
    std::string badge;
    if (signing)
        badge = std::string(icon::kVerified) + " signing";
    else if (hasCurrentSignOff(doc, e))
        badge = std::string(icon::kVerified) + " signed";
    if (mine && !signing)
        badge +=
            (badge.empty() ? "" : "  ") + std::string(icon::kComment) + " " + std::to_string(mine);
    std::string meta(kindLabel(e.kind));
    if (auto hours = e.number(field::kHours)) meta += "  \xc2\xb7  " + hoursText(*hours);
    if (entryRow(e, "mentor.entry." + e.id, meta, badge, open))
        m.open = open ? std::string() : e.id;
    ImGui::Dummy(ImVec2(0, em(0.15f)));

    if (!open) {
        ImGui::PopID();
        return;
    }

    // The entry in full, read-only.
    ImGui::Indent(em(0.6f));
    ImGui::PushTextWrapPos(0);
    const KindSpec& spec = kindSpec(e.kind);
    auto showField = [&](std::string_view key, const std::string& value) {
        if (trim(value).empty()) return;
        ax::TextColored(p.textMuted, "%s", fieldLabel(m_session.catalog(), e.kind, key).c_str());
        ax::TextUnformatted(fieldDisplay(m_session.catalog(), e.kind, key, value).c_str());
        ImGui::Dummy(ImVec2(0, em(0.2f)));
    };
    for (const FieldSpec& f : spec.fields)
        showField(f.key, e.field(f.key));
    for (const auto& [k, v] : e.fields) // reflective model stages and fields from newer versions
        if (!findField(e.kind, k) || k.find('.') != std::string::npos) showField(k, v);
    if (!e.tags.empty()) {
        ax::TextColored(p.textMuted, "Framework mapping");
        for (const auto& t : e.tags) {
            const FrameworkItem* item = m_session.catalog().findItem(t, e.date);
            ImGui::BulletText("%s%s%s", t.c_str(), item ? "  " : "",
                              item ? item->title.c_str() : "");
        }
    }
    // What others already wrote (from the file).
    for (const Comment& cm : doc.comments) {
        if (cm.entryId != e.id) continue;
        ax::TextColored(p.accent, "%s", icon::kComment);
        ImGui::SameLine(0, em(0.4f));
        ax::TextWrapped("%s: %s", cm.author.empty() ? "Reviewer" : cm.author.c_str(),
                           cm.text.c_str());
    }
    for (const SignOff& s : doc.signOffs) {
        if (s.entryId != e.id) continue;
        const ReviewCheck c = checkSignOff(doc, s, {});
        ax::TextColored(c.state == TrustState::Authentic ? p.good : p.warn, "%s", icon::kVerified);
        ImGui::SameLine(0, em(0.4f));
        ax::TextWrapped("Signed off by %s: %s", s.reviewer.c_str(),
                           std::string(trustStateLabel(c.state)).c_str());
    }
    ImGui::PopTextWrapPos();

    // This reviewer's actions on the entry.
    for (size_t i = 0; i < m.actions.size(); ++i) {
        const ReviewAction& a = m.actions[i];
        if (a.entry != e.id) continue;
        ImGui::PushID(static_cast<int>(i));
        chip(actionLabel(a.type), a.type == ReviewAction::Type::SignOff           ? p.good
                                  : a.type == ReviewAction::Type::RequestEvidence ? p.warn
                                                                                  : p.accent);
        ImGui::SameLine();
        const std::string text = a.type == ReviewAction::Type::Outcome
                                     ? m_session.catalog().choiceLabel(EntryKind::Review, field::kOutcome, a.text)
                                     : a.text;
        if (!text.empty()) {
            ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x - em(6));
            ax::TextWrapped("%s", text.c_str());
            ImGui::PopTextWrapPos();
            ImGui::SameLine();
        }
        ImGui::SetCursorPosX(ImGui::GetContentRegionMax().x - em(5.5f));
        if (button(("mentor.remove." + std::to_string(i)).c_str(), "Remove", false,
                   ImVec2(em(5.5f), 0))) {
            m.actions.erase(m.actions.begin() + static_cast<std::ptrdiff_t>(i));
            if (m.savedActions != SIZE_MAX) m.savedActions = SIZE_MAX; // changed since saved
            ImGui::PopID();
            break;
        }
        ImGui::PopID();
    }

    // Add a comment, a request, an outcome or a sign-off.
    std::string& typing = m.typing[e.id];
    ImGui::PushItemWidth(-FLT_MIN);
    textArea("mentor.comment", "Your comment", typing, 4.f,
             "What is strong, what is missing, what to do next");
    ImGui::PopItemWidth();
    const bool hasText = !trim(typing).empty();
    auto add = [&](ReviewAction::Type t, std::string text) {
        m.actions.push_back({t, e.id, std::move(text)});
        m.savedActions = SIZE_MAX;
        m.message.clear();
    };
    ImGui::BeginDisabled(!hasText);
    if (button("mentor.add-comment", "Add comment", true)) {
        add(ReviewAction::Type::Comment, std::string(trim(typing)));
        typing.clear();
    }
    ImGui::SameLine();
    if (button("mentor.request", "Ask for more evidence", false)) {
        add(ReviewAction::Type::RequestEvidence, std::string(trim(typing)));
        typing.clear();
    }
    ImGui::EndDisabled();
    if (!m_phone) ImGui::SameLine();
    ImGui::BeginDisabled(signing);
    if (button("mentor.sign", (std::string(icon::kVerified) + "  Sign off").c_str(), false))
        add(ReviewAction::Type::SignOff, {});
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("Records a fingerprint (SHA-256) of the entry as you see it, signed "
                          "with your reviewer key when you have one: if it is edited later, the "
                          "sign-off shows as stale.");
    if (e.kind == EntryKind::Review) {
        ImGui::Dummy(ImVec2(0, em(0.2f)));
        muted("Review outcome");
        const FieldSpec* f = findField(EntryKind::Review, field::kOutcome);
        std::vector<const char*> ids, labels;
        if (f)
            for (const auto& ch : f->choices) {
                ids.push_back(ch.id.data());
                labels.push_back(ch.label.data());
            }
        int sel = -1;
        for (const auto& a : m.actions)
            if (a.entry == e.id && a.type == ReviewAction::Type::Outcome)
                for (size_t k = 0; k < ids.size(); ++k)
                    if (a.text == ids[k]) sel = static_cast<int>(k);
        if (!ids.empty() && segmented("mentor.outcome.", ids.data(), labels.data(),
                                      static_cast<int>(ids.size()), sel)) {
            std::erase_if(m.actions, [&](const ReviewAction& a) {
                return a.entry == e.id && a.type == ReviewAction::Type::Outcome;
            });
            add(ReviewAction::Type::Outcome, ids[static_cast<size_t>(sel)]);
        }
    }
    ImGui::Unindent(em(0.6f));
    ImGui::Dummy(ImVec2(0, em(0.5f)));
    ImGui::PopID();
}

} // namespace pathway::ui
