#include "FuzzCheck.h"
#include "config/KeyValueFile.h"

using namespace atalaia::config;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzzInput(data, size);
    auto file = KeyValueFile::parse(input, QStringLiteral("datacenter.cfg"), QStringLiteral("/cluster/options"));
    requireRoundTrip(input, file.toBytes());
    file.setValue("keyboard", "pt");
    return 0;
}
