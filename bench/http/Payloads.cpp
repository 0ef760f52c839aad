#include "Payloads.h"

#include <cstdint>
#include <format>
#include <iterator>

namespace atalaia::bench::http {

std::string versionJson()
{
    return std::string(R"({"data":{"release":"9.0","repoid":"0000a1a1","version":"9.0.3","console":"html5"}})");
}

std::string clusterResourcesJson(int guests)
{
    std::string out;
    out.reserve(static_cast<std::size_t>(guests) * 300 + 32);
    out += R"({"data":[)";
    // A small linear congruential generator: deterministic "live" numbers
    // without <random>'s implementation-defined distributions.
    std::uint64_t state = 0x2545F4914F6CDD1DULL;
    auto next = [&state] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return state >> 33;
    };
    for (int i = 0; i < guests; ++i) {
        const int vmid = 100 + i;
        const bool lxc = i % 10 >= 7; // 70 % VMs, 30 % containers
        const bool running = i % 5 != 2; // 20 % stopped, VMs and containers alike
        const auto maxmem = (std::uint64_t{1} << 30) * (1 + i % 8);
        const auto maxdisk = (std::uint64_t{8} << 30) * (1 + i % 4);
        if (i > 0)
            out += ',';
        std::format_to(std::back_inserter(out),
                       R"({{"id":"{0}/{1}","type":"{0}","vmid":{1},"name":"guest-{1}","node":"node{2}",)"
                       R"("status":"{3}","uptime":{4},"cpu":0.{5:04},"maxcpu":{6},"mem":{7},"maxmem":{8},)"
                       R"("disk":{9},"maxdisk":{10},"netin":{11},"netout":{12},"diskread":{13},"diskwrite":{14},)"
                       R"("template":0{15}}})",
                       lxc ? "lxc" : "qemu", vmid, 1 + i % 3, running ? "running" : "stopped",
                       running ? next() % 10'000'000 : 0, running ? next() % 10'000 : 0,
                       1 << (i % 4), running ? next() % maxmem : 0, maxmem, lxc ? next() % maxdisk : 0, maxdisk,
                       running ? next() % 100'000'000 : 0, running ? next() % 100'000'000 : 0,
                       running ? next() % 1'000'000'000 : 0, running ? next() % 1'000'000'000 : 0,
                       i % 4 == 0 ? R"(,"hastate":"started")" : "");
    }
    out += "]}";
    return out;
}

} // namespace atalaia::bench::http
