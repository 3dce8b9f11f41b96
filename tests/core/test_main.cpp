// GoogleTest entry point shared by the native and the wasm (node) builds of the core tests.
#include "test_support.hpp"

#include <gtest/gtest.h>

int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
