#pragma once

#include <QByteArray>

#include <cstdio>
#include <cstdlib>

// The round-trip promise, checked on every fuzz input: a difference is a finding.
inline void requireRoundTrip(const QByteArray &input, const QByteArray &written)
{
    if (input != written) {
        std::fprintf(stderr, "round trip differs: %lld bytes in, %lld bytes out\n",
                     static_cast<long long>(input.size()), static_cast<long long>(written.size()));
        std::abort();
    }
}

inline QByteArray fuzzInput(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
}
