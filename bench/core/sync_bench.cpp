// Sync benchmarks (issue 16): the engine's own cost against the tests' in-memory CouchDB
// (tests/core/fake_couch.hpp), so the numbers are Pathway's work, not a server's or the
// network's: the first sync of a portfolio (every document pushed) and a sync after one edit
// (the pull finds only this device's last push; one document goes), with the app's SyncCache
// and without it (the CLI). The aim for one edit is 100 ms on loopback against a real server.
#include "fake_couch.hpp"
#include "portfolio_gen.hpp"

#include "pathway/core/sync.hpp"

#include <benchmark/benchmark.h>

namespace {

using namespace pathway;

core::SyncOptions benchOptions() {
    core::SyncOptions o;
    o.server = "http://fake.test";
    o.database = "db";
    return o;
}

void syncFirst(benchmark::State& state) {
    const core::Portfolio p = bench::makePortfolio({.entries = static_cast<int>(state.range(0))});
    for (auto _ : state) {
        test::FakeCouch couch;
        core::SyncResult r = core::syncPortfolio(p, benchOptions(), couch);
        if (!r.ok) state.SkipWithError(r.error.c_str());
        benchmark::DoNotOptimize(r.report.documentsPushed);
    }
}

/// One edit, then a sync. `cached`: as the app syncs, keeping a SyncCache between syncs (only
/// the edited entry is hashed again) and handing the portfolio over; without: as pathway-cli,
/// one sync per process on a portfolio it keeps.
void oneEdit(benchmark::State& state, bool cached) {
    test::FakeCouch couch;
    core::SyncCache cache;
    core::SyncOptions o = benchOptions();
    if (cached) o.cache = &cache;
    core::Portfolio p = bench::makePortfolio({.entries = static_cast<int>(state.range(0))});
    // Twice: the second pull moves `since` past the first push (which it reads back once).
    p = core::syncPortfolio(p, o, couch).portfolio;
    p = core::syncPortfolio(p, o, couch).portfolio;
    int64_t n = 0;
    for (auto _ : state) {
        p.entries[static_cast<size_t>(n % static_cast<int64_t>(p.entries.size()))].title += "!";
        ++n;
        // The app hands its copy over (no second copy of 10,000 entries); the CLI's file sync
        // keeps the one it read to compare with the file afterwards.
        core::SyncResult r = cached ? core::syncPortfolio(std::move(p), o, couch) : core::syncPortfolio(p, o, couch);
        if (!r.ok || r.report.documentsPushed != 1) state.SkipWithError("one edit did not push one document");
        p = std::move(r.portfolio);
    }
}

void syncOneEdit(benchmark::State& state) { oneEdit(state, true); }
void syncOneEditUncached(benchmark::State& state) { oneEdit(state, false); }

void syncSizes(benchmark::internal::Benchmark* b) {
    b->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond)->UseRealTime();
}

} // namespace

BENCHMARK(syncFirst)->Name("sync.first")->Apply(syncSizes);
BENCHMARK(syncOneEdit)->Name("sync.one_edit")->Apply(syncSizes);
BENCHMARK(syncOneEditUncached)->Name("sync.one_edit_uncached")->Apply(syncSizes);
