// The victim of crash.kill_during_save: reads two portfolio files (old and new state), says
// "ready" on stdout, then saves them over `target` alternately, for ever, as the app does
// (under the file's lock, issue 12: writeFileAtomic writes a unique temporary file, fsync, keeps
// path.bak, renames). The bytes are the driver's
// serialised portfolios: killing during serialisation would touch nothing on disk, so the
// writer spends all its time in the part that can go wrong.
// Usage: pathway_crash_writer TARGET OLD_JSON NEW_JSON
#include "pathway/core/files.hpp"
#include "pathway/core/portfolio_io.hpp"

#include <cstdio>
#include <string>
#include <unistd.h>

int main(int argc, char** argv) {
    using namespace pathway::core;
    if (argc != 4) {
        std::fprintf(stderr, "usage: %s TARGET OLD_JSON NEW_JSON\n", argv[0]);
        return 2;
    }
    std::string states[2];
    for (int i = 0; i < 2; ++i) {
        if (IoResult r = readFile(argv[2 + i], states[i], kMaxPortfolioBytes); !r) {
            std::fprintf(stderr, "%s\n", r.error.c_str());
            return 1;
        }
    }
    if (::write(STDOUT_FILENO, "R", 1) != 1) return 1;
    for (unsigned n = 1;; ++n) {
        FileLock lock(argv[1]); // held as a save holds it: killed while holding, it is released
        if (!lock.status()) {
            std::fprintf(stderr, "%s\n", lock.status().error.c_str());
            return 1;
        }
        IoResult r = writeFileAtomic(argv[1], states[n % 2]);
        if (!r) {
            std::fprintf(stderr, "save failed: %s\n", r.error.c_str());
            return 1;
        }
    }
}
