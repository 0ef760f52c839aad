#pragma once

#include "FuzzCheck.h"
#include "config/ConfigDocument.h"

#include <initializer_list>

// The shared body of the per-format fuzzers: the first input byte picks one of
// FORMATS, the rest is the file. Parse with validation, and require the
// lossless round trip and well-formed diagnostics.
inline int fuzzDocument(const uint8_t *data, size_t size, std::initializer_list<atalaia::config::ConfigFormat> formats)
{
    using namespace atalaia::config;
    if (size == 0)
        return 0;
    const ConfigFormat format = *(formats.begin() + data[0] % formats.size());
    const QByteArray input = fuzzInput(data + 1, size - 1);
    const ConfigDocument doc = ConfigDocument::parse(input, QStringLiteral("fuzz"), format);
    requireRoundTrip(input, doc.toBytes());
    for (const Diagnostic &d : doc.diagnostics()) {
        if (d.line < 1 || d.column < 1 || d.message.isEmpty())
            std::abort();
    }
    return 0;
}
