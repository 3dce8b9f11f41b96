#include "cli.hpp"

#include <iostream>

int main(int argc, char** argv) {
    pathway::core::SystemClock clock;
    return pathway::cli::run(argc, argv, std::cout, std::cerr, clock);
}
