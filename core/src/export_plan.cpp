#include "pathway/core/export_plan.hpp"

#include <algorithm>

namespace pathway::core {

size_t ExportPlan::undecided() const {
    return static_cast<size_t>(std::count(decisions.begin(), decisions.end(), Decision::Undecided));
}

size_t ExportPlan::toRedact() const {
    return static_cast<size_t>(std::count(decisions.begin(), decisions.end(), Decision::Redact));
}

void ExportPlan::decideAll(Decision d) { std::fill(decisions.begin(), decisions.end(), d); }

std::string findingKey(const Finding& f) { return f.entryId + "|" + f.field + "|" + f.match; }

ExportPlan planExport(const Portfolio& portfolio, std::optional<ExportFormat> format,
                      bool forReview, const std::set<std::string>& kept) {
    ExportPlan plan;
    plan.format = format;
    plan.forReview = forReview;
    if (format && !exportFormatSpec(*format).needsCheck) return plan;
    for (Finding& f : lintPortfolio(portfolio))
        if (!kept.count(findingKey(f))) plan.findings.push_back(std::move(f));
    plan.decisions.assign(plan.findings.size(), ExportPlan::Decision::Undecided);
    return plan;
}

std::optional<Portfolio> applyDecisions(const Portfolio& portfolio, const ExportPlan& plan,
                                        int64_t nowMs, std::set<std::string>& kept,
                                        int32_t* changed) {
    std::vector<Finding> chosen;
    for (size_t i = 0; i < plan.findings.size() && i < plan.decisions.size(); ++i) {
        if (plan.decisions[i] == ExportPlan::Decision::Redact)
            chosen.push_back(plan.findings[i]);
        else if (plan.decisions[i] == ExportPlan::Decision::Keep)
            kept.insert(findingKey(plan.findings[i]));
    }
    if (changed) *changed = 0;
    if (chosen.empty()) return std::nullopt;
    return redactFindings(portfolio, chosen, nowMs, changed, nullptr);
}

ExportFile exportFile(const Portfolio& portfolio, ExportFormat format, bool forReview,
                      const ExportContext& ctx) {
    const ExportFormatSpec& spec = exportFormatSpec(format);
    ExportFile file;
    std::string slug = fileSlug(portfolio.profile.name);
    if (slug.empty()) slug = "portfolio";
    file.name = format == ExportFormat::Moderation
                    ? "pathway-moderation-" + ctx.today.toString()
                    : "pathway-" + slug + "-" + (forReview ? std::string("for-review") : ctx.today.toString());
    file.name += "." + std::string(spec.extension);
    file.mime = std::string(spec.mime);
    file.bytes = spec.write(portfolio, ctx);
    return file;
}

std::string fileSlug(std::string_view text) {
    std::string out;
    for (char c : text) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out += c;
        else if (c >= 'A' && c <= 'Z')
            out += static_cast<char>(c - 'A' + 'a');
        else if (!out.empty() && out.back() != '-')
            out += '-';
    }
    while (!out.empty() && out.back() == '-')
        out.pop_back();
    return out.substr(0, 40);
}

} // namespace pathway::core
