#pragma once

// The two response bodies every server in the HTTP library comparison serves
// (docs/decisions/0002-http-library.md). Plain C++ so the Boost.Beast server
// needs no Qt; byte-identical in every server and in the files nginx serves.

#include <string>

namespace atalaia::bench::http {

// GET /api2/json/version: about 100 bytes, like PVE's answer.
std::string versionJson();

// GET /api2/json/cluster/resources for GUESTS guests on three nodes: the
// field set PVE reports for a qemu/lxc entry (hastate on a quarter of them,
// zero counters for the 20 % that are stopped), about 290 bytes a guest, so
// 10,000 guests are about 2.9 MB. Deterministic.
std::string clusterResourcesJson(int guests);

} // namespace atalaia::bench::http
