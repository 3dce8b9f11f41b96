// Sync benchmarks (issue 16): the engine's own cost against the tests' in-memory CouchDB
// (tests/core/fake_couch.hpp), so the numbers are Pathway's work, not a server's or the
// network's: the first sync of a portfolio (every document pushed) and a sync after one edit
// (the pull finds only this device's last push; one document goes). The aim for one edit is
// 100 ms on loopback against a real server.
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

void syncOneEdit(benchmark::State& state) {
    test::FakeCouch couch;
    core::Portfolio p = bench::makePortfolio({.entries = static_cast<int>(state.range(0))});
    // Twice: the second pull moves `since` past the first push (which it reads back once).
    p = core::syncPortfolio(p, benchOptions(), couch).portfolio;
    p = core::syncPortfolio(p, benchOptions(), couch).portfolio;
    int64_t n = 0;
    for (auto _ : state) {
        p.entries[static_cast<size_t>(n % static_cast<int64_t>(p.entries.size()))].title += "!";
        ++n;
        core::SyncResult r = core::syncPortfolio(p, benchOptions(), couch);
        if (!r.ok || r.report.documentsPushed != 1) state.SkipWithError("one edit did not push one document");
        p = std::move(r.portfolio);
    }
}

void syncSizes(benchmark::internal::Benchmark* b) {
    b->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond)->UseRealTime();
}

} // namespace

BENCHMARK(syncFirst)->Name("sync.first")->Apply(syncSizes);
BENCHMARK(syncOneEdit)->Name("sync.one_edit")->Apply(syncSizes);
