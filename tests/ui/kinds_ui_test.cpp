// Entry kinds as the app draws them (issue 15): from core's one row per kind.
#include "pathway/core/kinds.hpp"
#include "pathway/ui/theme.hpp"

#include <gtest/gtest.h>

#include <ios>

namespace pathway {
namespace {

TEST(UiKinds, EveryKindsIconIsInTheFontAtlas) {
    for (const core::KindSpec& k : core::kinds()) {
        EXPECT_TRUE(ui::iconInAtlas(k.look.icon))
            << k.id << ": U+" << std::hex << k.look.icon
            << " is not in kIconRanges (ui/src/theme.cpp): it would draw as nothing";
    }
    EXPECT_FALSE(ui::iconInAtlas(0xE000)) << "not every private-use code point is in the atlas";
}

} // namespace
} // namespace pathway
