// The Cohort screen's own state (screen_cohort.cpp): the files an academy opened, their rows,
// and how the lead sorts and filters them. Kept while the lead drills into one portfolio.
#pragma once

#include "pathway/core/cohort.hpp"
#include "pathway/ui/app.hpp"

#include <string>
#include <utility>
#include <vector>

namespace pathway::ui {

struct CohortState {
    std::vector<std::pair<std::string, std::string>> files; ///< (name, bytes), kept to drill down
    std::vector<core::CohortRow> rows;                      ///< one per file that loaded
    std::vector<size_t> rowFile;                            ///< rows[i] came from files[rowFile[i]]
    std::vector<std::string> skipped;                       ///< "<file>: <why>"
    std::string summary;
    std::vector<core::CohortMonth> months;
    std::vector<std::string> teams; ///< distinct, sorted (filter choices)
    core::Date today;

    App::CohortSort sort = App::CohortSort::Attention;
    App::CohortFilter filter;
    std::vector<size_t> shown; ///< indices into rows, sorted and filtered
    App::CohortSort shownSort = App::CohortSort::Attention;
    App::CohortFilter shownFilter;
    bool shownValid = false;

    std::vector<std::pair<std::string, std::string>> arriving; ///< web: files still coming in
    std::string path;                                          ///< desktop: the folder typed
    std::string message;
    bool messageIsError = false;
    std::string selected; ///< source of the row opened last (outlined on return)
};

} // namespace pathway::ui
