// Share and import: exports in every format (after a confidentiality check the user answers
// finding by finding), imports of backups, LEAP2A and CSV training records, merging a mentor's
// feedback file, and opening someone else's portfolio to review. Every change is one undoable
// command (cmd::ReplacePortfolio); nothing changes until the user has seen what a file would do.
#include "exchange_state.hpp"
#include "pathway/core/catalog.hpp"
#include "pathway/core/kinds.hpp"
#include "pathway/core/lexicon.hpp"
#include "pathway/core/text.hpp"
#include "pathway/ui/app.hpp"
#include "pathway/ui/glyphs.hpp"
#include "pathway/ui/theme.hpp"
#include "pathway/ui/widgets.hpp"
#include "ui_common.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

namespace pathway::ui {

using namespace pathway::core;
using namespace pathway::ui::detail;

namespace {

struct ImportChoice {
    const char* purpose;
    ImportFormat format;
    const char* title;
    const char* about;
    const char* accept;
};
constexpr ImportChoice kImports[] = {
    {"import.json", ImportFormat::Json, "A Pathway backup (JSON)",
     "Adds what the backup has that this portfolio lacks, or replaces this portfolio with it.",
     ".json,application/json"},
    {"import.leap2a", ImportFormat::Leap2a, "From another e-portfolio (LEAP2A)",
     "Journal entries, plans, abilities, meetings and their files from e-portfolios such as "
     "Mahara (its export zip or the leap2a.xml inside).",
     ".zip,.xml,.atom,.leap2a,application/zip,application/xml,application/atom+xml"},
    {"import.csv", ImportFormat::Csv, "Training records (CSV)",
     "A learning system's list of courses: each row becomes a CPD activity.", ".csv,text/csv"},
};

constexpr size_t kMaxFileBytes = 64u << 20;

std::string fileBaseName(std::string_view name) {
    const size_t slash = name.find_last_of("/\\");
    return std::string(slash == std::string_view::npos ? name : name.substr(slash + 1));
}

/// The words around a finding on one line: "...met Mr " + "Smith" + " at the...".
struct Snippet {
    std::string before, match, after;
};
Snippet snippetOf(const Portfolio& doc, const Finding& f) {
    std::string_view text;
    if (f.field.rfind("comments[", 0) == 0) {
        const size_t i = std::strtoul(f.field.c_str() + 9, nullptr, 10);
        if (i < doc.comments.size()) text = doc.comments[i].text;
    } else if (const Entry* e = doc.find(f.entryId)) {
        if (f.field == "title")
            text = e->title;
        else if (f.field.rfind("fields.", 0) == 0)
            text = e->field(std::string_view(f.field).substr(7));
    }
    Snippet s;
    s.match = f.match;
    if (size_t(f.at.offset) + f.at.length > text.size()) return s;
    auto flat = [](std::string_view t) {
        std::string out(t);
        std::replace(out.begin(), out.end(), '\n', ' ');
        return out;
    };
    constexpr size_t kContext = 32;
    size_t from = f.at.offset > kContext ? f.at.offset - kContext : 0;
    while (from > 0 && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80)
        --from;
    size_t to = std::min(text.size(), size_t(f.at.offset) + f.at.length + kContext);
    while (to < text.size() && (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80)
        ++to;
    s.before = (from > 0 ? "\xe2\x80\xa6" : "") + flat(text.substr(from, f.at.offset - from));
    s.after = flat(text.substr(f.at.offset + f.at.length, to - f.at.offset - f.at.length)) +
              (to < text.size() ? "\xe2\x80\xa6" : "");
    return s;
}

std::string findingPlace(const Catalog& catalog, const Portfolio& doc, const Finding& f) {
    if (f.field.rfind("comments[", 0) == 0) return "a comment";
    if (f.field.rfind("attachments[", 0) == 0) return "an attachment";
    if (f.field == "title") return "the title";
    if (const Entry* e = doc.find(f.entryId))
        return "\"" + fieldLabel(catalog, e->kind, std::string_view(f.field).substr(7)) + "\"";
    return f.field;
}

} // namespace

std::string App::awaitingFile() const {
    return m_exchange->awaiting;
}

std::string App::exchangeMessage() const {
    if (m_screen == Screen::Mentor && m_mentor) return m_mentor->message;
    return m_exchange->message;
}

void App::askForFile(const char* purpose, const char* accept) {
    ExchangeState& x = *m_exchange;
    x.awaiting = purpose;
    x.message.clear();
    x.messageIsError = false;
    x.path.clear();
    x.pathPrompt = !m_host.requestFile(purpose, accept);
    x.scrollToTop = x.pathPrompt;
}

void App::receiveFile(std::string_view purpose, std::string_view name, std::string_view bytes) {
    if (purpose == "cohort" || purpose == "cohort.done") { // many files, then "done"
        receiveCohortFile(purpose == "cohort.done", name, bytes);
        return;
    }
    ExchangeState& x = *m_exchange;
    noteText(bytes); // names and comments in any script get their glyphs (glyphs.hpp)
    x.scrollToTop = true;
    x.awaiting.clear();
    x.pathPrompt = false;
    x.message.clear();
    x.messageIsError = false;
    if (purpose == "catalog") { // Settings -> Frameworks and rules: its card says what happened
        addCatalogFile(name, bytes);
        return;
    }
    const std::string file = fileBaseName(name);
    auto fail = [&](const std::string& what) {
        x.message = "Could not open " + file + ": " + what + " Nothing was changed.";
        x.messageIsError = true;
    };
    if (bytes.size() > kMaxFileBytes) {
        fail("it is larger than 64 MB, too large to be a portfolio, feedback or training file.");
        return;
    }
    if (purpose == "review") {
        openForReview(file, bytes);
        return;
    }
    if (m_screen != Screen::Welcome) show(Screen::Share);
    const Portfolio& doc = m_session.store().portfolio();
    if (purpose == "feedback") {
        FeedbackResult fb = parseFeedback(bytes);
        if (!fb.feedback) return fail(fb.error);
        ExchangeState::PendingMerge m;
        m.fileName = file;
        m.feedback = std::move(*fb.feedback);
        m.result = mergeFeedback(doc, m.feedback);
        if (!m.result.ok()) return fail(m.result.error);
        m.revision = m_session.store().revision();
        if (!m.feedback.practitioner.empty() && !doc.profile.name.empty() &&
            asciiLower(trim(m.feedback.practitioner)) != asciiLower(trim(doc.profile.name)))
            m.result.report.notes.insert(m.result.report.notes.begin(),
                                         "This feedback was written on " + m.feedback.practitioner +
                                             "'s portfolio, not yours. Merge it only if that "
                                             "is right.");
        x.import.reset();
        x.check.reset();
        x.merge = std::move(m);
        return;
    }
    for (const ImportChoice& c : kImports) {
        if (purpose != c.purpose) continue;
        ImportOptions options{m_session.catalog(), m_clock.nowMs(), false};
        options.sourceName = fileBaseName(file);
        ImportResult merged = importInto(doc, c.format, bytes, options);
        if (!merged.portfolio) return fail(merged.error);
        ExchangeState::PendingImport p;
        p.fileName = file;
        p.format = c.format;
        p.merged = std::move(merged);
        if (c.format == ImportFormat::Json) {
            options.replace = true;
            ImportResult replaced = importInto(doc, c.format, bytes, options);
            if (replaced.portfolio) p.replaced = std::move(replaced);
        }
        p.revision = m_session.store().revision();
        x.merge.reset();
        x.check.reset();
        x.import = std::move(p);
        return;
    }
    fail("Pathway did not ask for this file.");
}

// ---------------------------------------------------------------------------------------------
// Exports and the confidentiality check

void App::beginExport(int format, bool forReview) {
    ExchangeState& x = *m_exchange;
    x.scrollToTop = true;
    x.message.clear();
    x.messageIsError = false;
    if (format >= 0 && !exportFormatSpec(static_cast<ExportFormat>(format)).needsCheck) {
        finishExport(format, forReview);
        return;
    }
    if (!activeLexicon() && !x.wordsUnavailable) {
        if (m_host.requestWordList()) {
            x.waitingForWords = ExchangeState::WaitingForWords{format, forReview};
            x.message = "Loading the word list for the confidentiality check...";
            return;
        }
        x.wordsUnavailable = true;
    }
    // The export's steps are core's (export_plan.hpp): the check, then each finding decided.
    ExchangeState::Check check;
    static_cast<ExportPlan&>(check) =
        planExport(m_session.store().portfolio(),
                   format >= 0 ? std::optional(static_cast<ExportFormat>(format)) : std::nullopt,
                   forReview, x.kept);
    if (check.findings.empty()) {
        if (format >= 0)
            finishExport(format, forReview);
        else
            x.message = "No names, dates of birth, addresses, schools or hospitals, NHS or NI "
                        "numbers, postcodes, phone numbers, emails or case numbers found." +
                        x.wordsNote;
        return;
    }
    if (!x.wordsNote.empty()) x.message = x.wordsNote.substr(2, x.wordsNote.size() - 3);
    check.revision = m_session.store().revision();
    x.check = std::move(check);
}

void App::wordListArrived(bool ok, std::string_view error) {
    ExchangeState& x = *m_exchange;
    if (!ok) {
        x.wordsUnavailable = true;
        x.wordsNote = " (The word list could not be loaded" +
                      (error.empty() ? std::string() : ": " + std::string(error)) +
                      ", so the check looked for cues and shapes only.)";
    }
    if (!x.waitingForWords) return;
    const auto w = *x.waitingForWords;
    x.waitingForWords.reset();
    x.message.clear();
    beginExport(w.format, w.forReview);
}

void App::finishExport(int format, bool forReview) {
    const Portfolio& doc = m_session.store().portfolio();
    const ExportContext ctx{m_session.catalog(), m_clock.today(), m_clock.nowMs()};
    const ExportFile file = exportFile(doc, static_cast<ExportFormat>(format), forReview, ctx);
    const std::string& name = file.name;
    m_host.offerDownload(name, file.mime, file.bytes);
    ExchangeState& x = *m_exchange;
    x.messageIsError = false;
    x.message = forReview ? "Saved " + name +
                                ". Send it to your mentor or assessor by a route your employer "
                                "approves; when they send back a feedback file, choose \"Merge a "
                                "feedback file\"."
                          : "Exported " + name + ".";
    if (const std::string note = m_host.downloadNote(); !note.empty()) x.message += " " + note;
}

void App::drawConfidentialityCheck() {
    const Palette& p = palette();
    ExchangeState& x = *m_exchange;
    ExchangeState::Check& check = *x.check;
    const Portfolio& doc = m_session.store().portfolio();
    if (check.revision != m_session.store().revision()) {
        // The portfolio changed under the check (undo, another tab): check again.
        const int format = check.format ? static_cast<int>(*check.format) : -1;
        const bool forReview = check.forReview;
        x.check.reset();
        beginExport(format, forReview);
        if (!x.check) return;
    }
    ExchangeState::Check& c = *x.check;
    const size_t undecided = c.undecided(), redact = c.toRedact();
    ImGui::PushStyleColor(ImGuiCol_Border, mix(p.border, p.warn, 0.6f));
    const bool cardOpen = beginCard("check", ImVec2(0, 0));
    ImGui::PopStyleColor(); // the card keeps its border; its buttons do not
    if (cardOpen) {
        cardTitle(
            icon::kPrivacy,
            c.findings.size() == 1
                ? "1 detail may identify someone"
                : (std::to_string(c.findings.size()) + " details may identify someone").c_str());
        mutedWrapped("Reflections are about real people. Redact anything that could identify "
                     "someone who uses services; keep what is fine to share, such as a "
                     "colleague's name or a training venue. Redacting changes your portfolio "
                     "(Undo is at the top) and marks signed entries as edited.");
        ImGui::Dummy(ImVec2(0, em(0.3f)));
        if (button("check.redact-all", "Redact all", false))
            c.decideAll(ExportPlan::Decision::Redact);
        ImGui::SameLine();
        if (button("check.keep-all", "Keep all", false))
            c.decideAll(ExportPlan::Decision::Keep);
        ImGui::Dummy(ImVec2(0, em(0.3f)));

        const float rowH = m_phone ? em(6.6f) : em(4.4f);
        const float listH = std::min(rowH * static_cast<float>(c.findings.size()),
                                     std::max(em(12), ImGui::GetContentRegionAvail().y - em(6)));
        ImGui::BeginChild("findings", ImVec2(0, listH), ImGuiChildFlags_None);
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(c.findings.size()), rowH);
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const Finding& f = c.findings[static_cast<size_t>(i)];
                ImGui::PushID(i);
                const ImVec2 start = ImGui::GetCursorPos();
                const std::string where =
                    std::string(findingKindLabel(f.at.kind)) + " in " + findingPlace(m_session.catalog(), doc, f) +
                    " of \"" + (f.entryTitle.empty() ? std::string("an entry") : f.entryTitle) +
                    "\"";
                ImGui::PushTextWrapPos(0);
                ax::TextColored(p.textMuted, "%s", where.c_str());
                ImGui::PopTextWrapPos();
                const Snippet s = snippetOf(doc, f);
                ax::TextUnformatted(s.before.c_str());
                ImGui::SameLine(0, 0);
                const ImVec2 a = ImGui::GetCursorScreenPos();
                const ImVec2 size = ImGui::CalcTextSize(s.match.c_str());
                ImGui::GetWindowDrawList()->AddRectFilled(a, ImVec2(a.x + size.x, a.y + size.y),
                                                          col(p.warn, 0.25f), em(0.2f));
                ax::TextUnformatted(s.match.c_str());
                ImGui::SameLine(0, 0);
                ax::TextUnformatted(s.after.c_str());
                auto& d = c.decisions[static_cast<size_t>(i)];
                const char* ids[] = {"keep", "redact"};
                const char* labels[] = {"Keep", "Redact"};
                int sel = d == ExportPlan::Decision::Keep     ? 0
                          : d == ExportPlan::Decision::Redact ? 1
                                                              : -1;
                if (!m_phone)
                    ImGui::SetCursorPos(
                        ImVec2(ImGui::GetContentRegionMax().x - em(11.5f), start.y + em(0.2f)));
                const std::string prefix = "check." + std::to_string(i) + ".";
                if (segmented(prefix.c_str(), ids, labels, 2, sel, 5.f))
                    d = sel == 0 ? ExportPlan::Decision::Keep : ExportPlan::Decision::Redact;
                ImGui::SetCursorPos(ImVec2(start.x, start.y + rowH - em(0.5f)));
                ImGui::Separator();
                ImGui::PopID();
            }
        }
        ImGui::EndChild();
        ImGui::Dummy(ImVec2(0, em(0.3f)));

        std::string go;
        if (c.format)
            go = redact ? "Redact " + plural(static_cast<long long>(redact), "detail", "details") +
                              " and export"
                        : std::string(c.forReview ? "Save the copy" : "Export");
        else
            go = redact ? "Redact " + plural(static_cast<long long>(redact), "detail", "details")
                        : std::string("Done");
        ImGui::BeginDisabled(undecided > 0);
        const bool confirmed = button("check.continue", go.c_str(), true);
        ImGui::EndDisabled();
        ImGui::SameLine();
        const bool cancelled = button("check.cancel", "Cancel", false);
        if (undecided > 0)
            muted(("Choose Keep or Redact for " +
                   (undecided == 1 ? std::string("the last detail")
                                   : "the " + std::to_string(undecided) + " details left") +
                   ".")
                      .c_str());
        if (confirmed && undecided == 0) {
            const size_t chosen = c.toRedact();
            std::optional<Portfolio> redacted = applyDecisions(doc, c, m_clock.nowMs(), x.kept);
            const int format = c.format ? static_cast<int>(*c.format) : -1;
            const bool forReview = c.forReview;
            bool ok = true;
            if (redacted) {
                CommandResult r = m_session.store().apply(cmd::ReplacePortfolio{
                    std::move(*redacted), "Redact " + plural(static_cast<long long>(chosen),
                                                             "detail", "details")});
                if (!r) {
                    ok = false;
                    x.message = r.error;
                    x.messageIsError = true;
                }
            }
            x.check.reset();
            if (ok) {
                if (format >= 0)
                    finishExport(format, forReview);
                else
                    x.message = chosen == 0 ? "Nothing was redacted."
                                            : "Redacted " +
                                                  plural(static_cast<long long>(chosen), "detail",
                                                         "details") +
                                                  ". Undo is at the top.";
            }
        } else if (cancelled) {
            x.check.reset();
            x.message = "Nothing was exported or changed.";
        }
    }
    endCard();
}

// ---------------------------------------------------------------------------------------------
// Import and merge previews

void App::drawImportPreview() {
    const Palette& p = palette();
    ExchangeState& x = *m_exchange;
    ExchangeState::PendingImport& im = *x.import;
    const ImportReport& r = im.merged.report;
    ImGui::PushStyleColor(ImGuiCol_Border, mix(p.border, p.accent, 0.6f));
    const bool cardOpen = beginCard("importpreview", ImVec2(0, 0));
    ImGui::PopStyleColor(); // the card keeps its border; its buttons do not
    if (cardOpen) {
        cardTitle(icon::kUpload, ("Import " + im.fileName).c_str());
        const int32_t changes = r.added + r.updated + r.conflictCopies;
        std::string line = plural(r.read, "entry", "entries") +
                           " in the file: " + std::to_string(r.added) + " new";
        if (r.updated) line += ", " + std::to_string(r.updated) + " newer than yours";
        if (r.conflictCopies)
            line +=
                ", " + std::to_string(r.conflictCopies) + " changed on both sides (kept as copies)";
        if (r.unchanged) line += ", " + std::to_string(r.unchanged) + " already here";
        line += ".";
        ax::TextWrapped("%s", line.c_str());
        for (const auto& n : r.notes)
            mutedWrapped(n.c_str());
        if (!r.skipped.empty()) {
            ax::TextColored(p.warn, "%s", icon::kWarning);
            ImGui::SameLine(0, em(0.4f));
            ax::TextWrapped(
                "Skipped %s:",
                plural(static_cast<long long>(r.skipped.size()), "item", "items").c_str());
            ImGui::Indent(em(1.4f));
            for (size_t i = 0; i < r.skipped.size() && i < 12; ++i)
                mutedWrapped(r.skipped[i].c_str());
            if (r.skipped.size() > 12)
                muted(("and " + std::to_string(r.skipped.size() - 12) + " more").c_str());
            ImGui::Unindent(em(1.4f));
        }
        if (!r.attachments.empty()) {
            // Pathway keeps references, not the files: say where each one stays.
            ax::TextColored(p.textMuted, "%s", icon::kFolder);
            ImGui::SameLine(0, em(0.4f));
            ax::TextWrapped("Files in %s (Pathway keeps a reference to each; keep the zip):",
                            im.fileName.c_str());
            ImGui::Indent(em(1.4f));
            for (size_t i = 0; i < r.attachments.size() && i < 12; ++i)
                mutedWrapped(r.attachments[i].c_str());
            if (r.attachments.size() > 12)
                muted(("and " + std::to_string(r.attachments.size() - 12) + " more").c_str());
            ImGui::Unindent(em(1.4f));
        }
        ImGui::Dummy(ImVec2(0, em(0.3f)));
        ImGui::BeginDisabled(changes == 0);
        const bool add = button("import.apply",
                                changes ? ("Add " + plural(changes, "entry", "entries")).c_str()
                                        : "Nothing new to add",
                                true);
        ImGui::EndDisabled();
        bool replace = false;
        if (im.replaced) {
            ImGui::SameLine();
            ImGui::PushStyleColor(ImGuiCol_Text, p.bad);
            replace = button("import.replace",
                             im.confirmReplace ? "Yes, replace my portfolio"
                                               : "Replace my portfolio with this backup",
                             false);
            ImGui::PopStyleColor();
        }
        ImGui::SameLine();
        const bool cancel = button("import.cancel", "Cancel", false);
        if (im.confirmReplace)
            mutedWrapped("Replacing keeps only what is in the backup: entries added since it was "
                         "made are removed. Undo is at the top if you change your mind.");
        auto apply = [&](Portfolio doc, std::string label, std::string done) {
            if (im.revision != m_session.store().revision()) {
                x.message = "Your portfolio changed after the file was read. Choose the file "
                            "again.";
                x.messageIsError = true;
                x.import.reset();
                return;
            }
            CommandResult res =
                m_session.store().apply(cmd::ReplacePortfolio{std::move(doc), std::move(label)});
            x.message = res ? std::move(done) : res.error;
            x.messageIsError = !res;
            x.import.reset();
        };
        if (add && changes) {
            apply(*im.merged.portfolio,
                  "Import " + plural(changes, "entry", "entries") + " from " + im.fileName,
                  "Imported " + plural(changes, "entry", "entries") + " from " + im.fileName +
                      ". Undo is at the top.");
        } else if (replace) {
            if (!im.confirmReplace) {
                im.confirmReplace = true;
            } else {
                const auto n = static_cast<long long>(im.replaced->portfolio->entries.size());
                apply(*im.replaced->portfolio, "Replace portfolio with " + im.fileName,
                      "Your portfolio is now the backup " + im.fileName + " (" +
                          plural(n, "entry", "entries") + "). Undo is at the top.");
            }
        } else if (cancel) {
            x.import.reset();
            x.message = "Nothing was imported.";
        }
    }
    endCard();
    ImGui::Dummy(ImVec2(0, em(0.3f)));
}

void App::drawMergePreview() {
    const Palette& p = palette();
    ExchangeState& x = *m_exchange;
    ExchangeState::PendingMerge& m = *x.merge;
    const MergeReport& r = m.result.report;
    const Feedback& fb = m.feedback;
    ImGui::PushStyleColor(ImGuiCol_Border, mix(p.border, p.accent, 0.6f));
    const bool cardOpen = beginCard("mergepreview", ImVec2(0, 0));
    ImGui::PopStyleColor(); // the card keeps its border; its buttons do not
    if (cardOpen) {
        cardTitle(icon::kMerge, ("Feedback from " +
                                 (fb.reviewer.empty() ? std::string("a reviewer") : fb.reviewer))
                                    .c_str());
        std::string who = fb.role.empty() ? std::string() : fb.role + " \xc2\xb7 ";
        if (fb.createdMs)
            who += "written " + formatTimestamp(fb.createdMs).substr(0, 10) + " \xc2\xb7 ";
        muted((who + m.fileName).c_str());
        int requests = 0, outcomes = 0;
        for (const Comment& c : fb.comments) {
            requests += c.requestsEvidence;
            outcomes += !c.outcome.empty();
        }
        std::string line =
            plural(static_cast<long long>(fb.comments.size()) - requests - outcomes, "comment",
                   "comments") +
            ", " + plural(requests, "request for more evidence", "requests for more evidence") +
            ", " + plural(outcomes, "review outcome", "review outcomes") + ", " +
            plural(static_cast<long long>(fb.signOffs.size()), "sign-off", "sign-offs") + ".";
        ax::TextWrapped("%s", line.c_str());
        if (r.commentsAlready || r.signOffsAlready)
            mutedWrapped((plural(r.commentsAlready + r.signOffsAlready, "item was", "items were") +
                          " merged before and will not be added twice.")
                             .c_str());
        if (r.signOffsNotCurrent)
            ax::TextColored(p.warn, "%s %s", icon::kWarning,
                               (plural(r.signOffsNotCurrent, "sign-off is", "sign-offs are") +
                                " for an older version of the entry: edited since it was "
                                "reviewed.")
                                   .c_str());
        for (const auto& n : r.notes)
            mutedWrapped(n.c_str());
        ImGui::Dummy(ImVec2(0, em(0.3f)));
        ImGui::BeginDisabled(!r.changed());
        const bool merge =
            button("merge.apply", r.changed() ? "Merge into my portfolio" : "Already merged", true);
        ImGui::EndDisabled();
        ImGui::SameLine();
        const bool cancel = button("merge.cancel", "Cancel", false);
        if (merge && r.changed()) {
            if (m.revision != m_session.store().revision())
                m.result = mergeFeedback(m_session.store().portfolio(), fb);
            // Refused now (an entry it signs off was deleted since the preview): nothing changes.
            CommandResult res{false, m.result.error, {}};
            if (m.result.ok()) res = m_session.store().apply(cmd::ReplacePortfolio{
                m.result.portfolio,
                "Merge feedback from " + (fb.reviewer.empty() ? m.fileName : fb.reviewer)});
            x.message = res ? "Merged " + plural(r.commentsAdded, "comment", "comments") + " and " +
                                  plural(r.signOffsAdded, "sign-off", "sign-offs") +
                                  ". They are on the Reviews screen and on each entry."
                            : res.error;
            x.messageIsError = !res;
            x.merge.reset();
        } else if (cancel) {
            x.merge.reset();
            x.message = "Nothing was merged.";
        }
    }
    endCard();
    ImGui::Dummy(ImVec2(0, em(0.3f)));
}

void App::drawFilePrompt() {
    const Palette& p = palette();
    ExchangeState& x = *m_exchange;
    ImGui::PushStyleColor(ImGuiCol_Border, mix(p.border, p.accent, 0.6f));
    const bool cardOpen = beginCard("fileprompt", ImVec2(0, 0));
    ImGui::PopStyleColor(); // the card keeps its border; its buttons do not
    if (cardOpen) {
        cardTitle(icon::kFolder, "Open a file");
        mutedWrapped("Drop the file on this window, or type where it is.");
        ImGui::PushItemWidth(-FLT_MIN);
        const bool entered = textField("file.path", "Path to the file", x.path,
                                       "e.g. ~/Downloads/pathway-feedback.json", 0,
                                       TextKind::Code);
        ImGui::PopItemWidth();
        const bool open = button("file.open", "Open", true) ||
                          (entered && ImGui::IsKeyPressed(ImGuiKey_Enter, false));
        ImGui::SameLine();
        if (button("file.cancel", "Cancel", false)) {
            x.awaiting.clear();
            x.pathPrompt = false;
        } else if (open && !trim(x.path).empty()) {
            std::string path(trim(x.path));
            if (path.rfind("~/", 0) == 0)
                if (const char* home = std::getenv("HOME")) path = home + path.substr(1);
            std::string bytes, error;
            if (m_host.readLocalFile(path, bytes, error)) {
                receiveFile(std::string(x.awaiting), path, bytes);
            } else {
                x.message = error;
                x.messageIsError = true;
            }
        }
    }
    endCard();
    ImGui::Dummy(ImVec2(0, em(0.3f)));
}

// ---------------------------------------------------------------------------------------------
// The screen

void App::drawShare() {
    const Palette& p = palette();
    ExchangeState& x = *m_exchange;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, p.background);
    ImGui::BeginChild("sharescroll", ImVec2(0, 0), ImGuiChildFlags_None);
    if (x.scrollToTop) {
        ImGui::SetScrollY(0); // applied next frame; the card that appeared sizes itself after
        x.scrollToTop = false;
        m_settleFrames = std::max(m_settleFrames, 3);
    }

    if (!x.message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, x.messageIsError ? p.bad : p.good);
        ax::TextWrapped("%s %s", x.messageIsError ? icon::kWarning : icon::kCheckCircle,
                           x.message.c_str());
        ImGui::PopStyleColor();
        registerLastItem("share.message", x.message.c_str());
        ImGui::Dummy(ImVec2(0, em(0.2f)));
    }
    if (x.check) {
        drawConfidentialityCheck();
        ImGui::EndChild();
        ImGui::PopStyleColor();
        return;
    }
    if (x.pathPrompt) drawFilePrompt();
    if (x.import) drawImportPreview();
    if (x.merge) drawMergePreview();

    const float buttonW = m_phone ? -FLT_MIN : em(11);
    auto row = [&](const char* id, const char* title, const char* about, const char* action,
                   bool primary = false) {
        ImGui::PushID(id);
        const float y = ImGui::GetCursorPosY();
        const float textW = m_phone ? ImGui::GetContentRegionAvail().x
                                    : ImGui::GetContentRegionAvail().x - buttonW - em(1);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + textW);
        ax::TextUnformatted(title);
        ImGui::PushStyleColor(ImGuiCol_Text, p.textMuted);
        ax::TextWrapped("%s", about);
        ImGui::PopStyleColor();
        ImGui::PopTextWrapPos();
        const float endY = ImGui::GetCursorPosY();
        if (!m_phone)
            ImGui::SetCursorPos(ImVec2(ImGui::GetContentRegionMax().x - buttonW, y + em(0.2f)));
        // Five buttons say "Export": each is named for what it exports.
        const std::string label = std::string(action) + "###" + action + ": " + title;
        const bool pressed = button(id, label.c_str(), primary, ImVec2(buttonW, 0));
        semantics(Role::Button, 0, id, about);
        if (!m_phone) ImGui::SetCursorPosY(std::max(endY, ImGui::GetCursorPosY()));
        ImGui::Dummy(ImVec2(0, em(0.35f)));
        ImGui::PopID();
        return pressed;
    };

    if (beginCard("sharereview", ImVec2(0, 0))) {
        cardTitle(icon::kShare, "Your mentor or assessor");
        mutedWrapped("They do not need an account: send them a copy, they open it in Pathway, "
                     "comment and sign entries off, and send back a feedback file for you to "
                     "merge. Nothing is sent by Pathway itself.");
        ImGui::Dummy(ImVec2(0, em(0.3f)));
        if (row("share.for-review", "Save a copy for review",
                "Checked for identifying details first.", "Save copy", true))
            beginExport(static_cast<int>(ExportFormat::Json), true);
        if (row("share.merge", "Merge a feedback file",
                "Comments, evidence requests, review outcomes and sign-offs they sent back.",
                "Choose file"))
            askForFile("feedback", ".json,application/json");
    }
    endCard();
    ImGui::Dummy(ImVec2(0, em(0.3f)));

    if (beginCard("exports", ImVec2(0, 0))) {
        cardTitle(icon::kDownload, "Export");
        for (const ExportFormatSpec& c : exportFormats()) {
            const std::string id = "export." + std::string(c.id);
            if (row(id.c_str(), std::string(c.title).c_str(), std::string(c.about).c_str(), "Export"))
                beginExport(static_cast<int>(c.format), false);
        }
    }
    endCard();
    ImGui::Dummy(ImVec2(0, em(0.3f)));

    if (beginCard("imports", ImVec2(0, 0))) {
        cardTitle(icon::kUpload, "Import");
        mutedWrapped("You see what a file would add before anything changes, and Undo puts "
                     "things back.");
        ImGui::Dummy(ImVec2(0, em(0.3f)));
        for (const ImportChoice& c : kImports)
            if (row(c.purpose, c.title, c.about, "Choose file")) askForFile(c.purpose, c.accept);
    }
    endCard();
    ImGui::Dummy(ImVec2(0, em(0.3f)));

    if (beginCard("privacy", ImVec2(0, 0))) {
        cardTitle(icon::kPrivacy, "Confidentiality check");
        if (row("share.check", "Look for identifying details",
                "Names after \"Mr\", \"Ms\", \"mother\" and the like, dates of birth, NHS numbers, "
                "postcodes, phone numbers, emails and case numbers, in every entry and comment.",
                "Check now"))
            beginExport(-1, false);
    }
    endCard();
    ImGui::Dummy(ImVec2(0, em(0.3f)));

    if (beginCard("mentoring", ImVec2(0, 0))) {
        cardTitle(icon::kReview, "Review someone else's portfolio");
        const std::string about =
            m_mentor ? "You are reviewing " +
                           (m_mentor->doc.profile.name.empty()
                                ? std::string("a portfolio")
                                : m_mentor->doc.profile.name + "'s portfolio") +
                           "."
                     : std::string("For mentors and assessors: open a copy someone shared with "
                                   "you, comment, sign entries off and save a feedback file.");
        if (m_mentor) {
            if (row("share.continue-review", "Continue reviewing", about.c_str(), "Continue", true))
                show(Screen::Mentor);
        } else if (row("share.review", "Open a portfolio to review", about.c_str(),
                       "Choose file")) {
            askForFile("review", ".json,application/json");
        }
        if (row("share.cohort", "Open a cohort",
                "For academies: a folder of practitioners' portfolios as one table, with who "
                "needs attention and why.",
                "Open"))
            show(Screen::Cohort);
    }
    endCard();
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

} // namespace pathway::ui
