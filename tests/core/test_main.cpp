// GoogleTest entry point shared by the native and the wasm (node) builds of the core tests.
#include "test_support.hpp"

#include "pathway/core/lexicon.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    // The wasm build has no embedded word list (the web page fetches it): read the compact file
    // the build made, as the page would, so the confidentiality tests run the same way there.
    if (!pathway::core::activeLexicon()) {
        std::ifstream in(PATHWAY_LEXICON_FILE, std::ios::binary);
        std::stringstream bytes;
        bytes << in.rdbuf();
        std::string error;
        auto lex = pathway::core::Lexicon::parse(bytes.str(), &error);
        if (!lex) {
            fprintf(stderr, "cannot load %s: %s\n", PATHWAY_LEXICON_FILE, error.c_str());
            return 1;
        }
        pathway::core::installLexicon(lex);
    }
    return RUN_ALL_TESTS();
}
