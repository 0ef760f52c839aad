// Parse + rewrite throughput of core/config on a generated 10,000-guest tree,
// against a plain line split of the same bytes (the baseline), in one run.
#include "GeneratedTree.h"
#include "RatioReporter.h"
#include "config/ConfigDocument.h"

#include <benchmark/benchmark.h>

#include <cstdio>

using namespace atalaia;

namespace {

const QList<bench::GeneratedFile> &tree()
{
    static const QList<bench::GeneratedFile> files = bench::generateTree(10000);
    return files;
}

// Baseline: what any reader of these files does at least once.
void LineSplit(benchmark::State &state)
{
    for (auto _ : state) {
        qsizetype lines = 0;
        for (const auto &file : tree())
            lines += file.bytes.split('\n').size();
        benchmark::DoNotOptimize(lines);
    }
    state.SetBytesProcessed(state.iterations() * bench::totalBytes(tree()));
}

void ParseAndRewrite(benchmark::State &state)
{
    for (auto _ : state) {
        qsizetype written = 0;
        for (const auto &file : tree()) {
            const auto doc = config::ConfigDocument::parse(file.bytes, QString(), file.format, config::Validation::Off);
            written += doc.toBytes().size();
        }
        benchmark::DoNotOptimize(written);
    }
    state.SetBytesProcessed(state.iterations() * bench::totalBytes(tree()));
}

void ParseValidateAndRewrite(benchmark::State &state)
{
    for (auto _ : state) {
        qsizetype written = 0;
        for (const auto &file : tree()) {
            const auto doc = config::ConfigDocument::parse(file.bytes, QString(), file.format, config::Validation::On);
            written += doc.toBytes().size() + doc.diagnostics().size();
        }
        benchmark::DoNotOptimize(written);
    }
    state.SetBytesProcessed(state.iterations() * bench::totalBytes(tree()));
}

BENCHMARK(LineSplit)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(ParseAndRewrite)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(ParseValidateAndRewrite)->Unit(benchmark::kMillisecond)->MinTime(1.0);

} // namespace

int main(int argc, char **argv)
{
    // The generated tree must round-trip and be valid, or the figures mean nothing.
    qsizetype errors = 0;
    for (const auto &file : tree()) {
        const auto doc = config::ConfigDocument::parse(file.bytes, QStringLiteral("generated"), file.format,
                                                       config::Validation::On);
        if (doc.toBytes() != file.bytes) {
            std::fprintf(stderr, "generated file does not round-trip\n");
            return 1;
        }
        for (const auto &d : doc.diagnostics())
            if (d.isError() && errors++ < 5)
                std::fprintf(stderr, "generated tree: %s\n", qPrintable(d.toString()));
    }
    if (errors > 0)
        return 1;
    std::printf("tree: %lld files, %.1f MB\n", static_cast<long long>(tree().size()), bench::totalBytes(tree()) / 1e6);
    benchmark::Initialize(&argc, argv);
    bench::RatioReporter reporter("LineSplit");
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    return 0;
}
