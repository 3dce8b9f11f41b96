// crash.kill_during_save: starts pathway_crash_writer (which saves a large portfolio over and
// over with writeFileAtomic, alternating an old and a new state), SIGKILLs it at a random moment, and checks that
// the portfolio on disk loads and is byte for byte the old or the new state; the kept previous
// copy (.bak), when there is one, too. Repeats ITERATIONS times (at least 200 for issue 7).
// Usage: pathway_crash_driver WRITER WORKDIR [ITERATIONS]
#include "portfolio_gen.hpp" // bench/core: the seeded generator of realistic portfolios

#include "pathway/core/files.hpp"
#include "pathway/core/portfolio_io.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <thread>

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using namespace pathway;
using Clock = std::chrono::steady_clock;

[[noreturn]] void fail(const std::string& why) {
    std::fprintf(stderr, "crash.kill_during_save: FAILED: %s\n", why.c_str());
    std::exit(1);
}

/// Which state `path` holds: 0 old, 1 new; fails the test for anything else. Both states are
/// checked to load at the start, and loading is a pure function of the bytes, so a file equal
/// to one of them loads; other bytes are parsed for the message.
int checkFile(const std::string& path, const std::string& oldBytes, const std::string& newBytes,
              int iteration) {
    std::string bytes;
    if (core::IoResult r = core::readFile(path, bytes, core::kMaxPortfolioBytes); !r)
        fail("iteration " + std::to_string(iteration) + ": " + r.error);
    if (bytes == oldBytes) return 0;
    if (bytes == newBytes) return 1;
    core::LoadResult loaded = core::parsePortfolio(bytes);
    if (!loaded.ok())
        fail("iteration " + std::to_string(iteration) + ": " + path + " does not load: " +
             loaded.error);
    fail("iteration " + std::to_string(iteration) + ": " + path +
         " loads but is neither the old nor the new state (" + std::to_string(bytes.size()) +
         " bytes)");
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s WRITER WORKDIR [ITERATIONS]\n", argv[0]);
        return 2;
    }
    const std::string writer = argv[1];
    const std::string dir = argv[2];
    const int iterations = argc > 3 ? std::atoi(argv[3]) : 200;
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    std::filesystem::create_directories(dir);

    // Old state: 800 realistic entries (about 1.7 MB); new state: the same after an edit and
    // one more entry, as after a user's change.
    bench::GenOptions opt;
    opt.entries = 800;
    core::Portfolio oldState = bench::makePortfolio(opt);
    core::Portfolio newState = oldState;
    newState.entries[17].title += " (edited)";
    newState.entries[17].updatedMs += 60'000;
    opt.seed += 1;
    opt.entries = 1;
    newState.entries.push_back(bench::makePortfolio(opt).entries.front());
    const std::string oldBytes = core::serializePortfolio(oldState);
    const std::string newBytes = core::serializePortfolio(newState);
    for (const std::string* state : {&oldBytes, &newBytes})
        if (core::LoadResult r = core::parsePortfolio(*state); !r.ok() || !(*r.portfolio ==
            (state == &oldBytes ? oldState : newState)))
            fail("a generated state does not load back as itself: " + r.error);
    const std::string oldPath = dir + "/old.json", newPath = dir + "/new.json";
    const std::string target = dir + "/portfolio.json";
    if (!core::writeFileAtomic(oldPath, oldBytes) || !core::writeFileAtomic(newPath, newBytes) ||
        !core::writeFileAtomic(target, oldBytes))
        fail("cannot write the starting files in " + dir);

    // How long one save takes here: kills land anywhere in the first ~4 saves.
    const auto t0 = Clock::now();
    for (int i = 0; i < 3; ++i) (void)core::writeFileAtomic(dir + "/calibrate.json", newBytes);
    const auto saveUs =
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t0).count() / 3;
    const auto maxDelayUs = std::max<long long>(4 * saveUs, 2000);

    std::mt19937 rng(std::random_device{}());
    std::uniform_int_distribution<long long> delay(0, maxDelayUs);
    int seen[2] = {0, 0};
    int tmpLeft = 0, bakChecked = 0;
    const auto start = Clock::now();
    for (int i = 1; i <= iterations; ++i) {
        int ready[2];
        if (::pipe(ready) != 0) fail("pipe");
        const pid_t pid = ::fork();
        if (pid < 0) fail("fork");
        if (pid == 0) {
            ::dup2(ready[1], STDOUT_FILENO);
            ::close(ready[0]);
            ::close(ready[1]);
            ::execl(writer.c_str(), writer.c_str(), target.c_str(), oldPath.c_str(),
                    newPath.c_str(), static_cast<char*>(nullptr));
            std::_Exit(127);
        }
        ::close(ready[1]);
        pollfd pfd{ready[0], POLLIN, 0};
        char byte = 0;
        if (::poll(&pfd, 1, 60'000) != 1 || ::read(ready[0], &byte, 1) != 1 || byte != 'R') {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, nullptr, 0);
            fail("iteration " + std::to_string(i) + ": the writer did not start");
        }
        ::close(ready[0]);
        std::this_thread::sleep_for(std::chrono::microseconds(delay(rng)));
        ::kill(pid, SIGKILL);
        int status = 0;
        ::waitpid(pid, &status, 0);
        if (!WIFSIGNALED(status))
            fail("iteration " + std::to_string(i) + ": the writer stopped by itself (status " +
                 std::to_string(status) + ")");

        seen[checkFile(target, oldBytes, newBytes, i)]++;
        if (core::fileExists(target + ".bak")) {
            (void)checkFile(target + ".bak", oldBytes, newBytes, i);
            ++bakChecked;
        }
        tmpLeft += core::fileExists(target + ".tmp");
    }
    const double secs = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("crash.kill_during_save: %d kills in %.1f s (one save ~%lld ms, kills within "
                "%lld ms of start): file held the old state %d times, the new %d times; "
                "killed mid-write (a .tmp left behind) %d times; .bak checked %d times; "
                "always loadable\n",
                iterations, secs, static_cast<long long>(saveUs / 1000),
                static_cast<long long>(maxDelayUs / 1000), seen[0], seen[1], tmpLeft,
                bakChecked);
    std::filesystem::remove_all(dir, ec);
    return 0;
}
