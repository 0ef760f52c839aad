#include "FuzzCheck.h"
#include "config/ConfigFormat.h"
#include "config/SectionConfigFile.h"

using namespace atalaia::config;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    // The first byte picks the schema, so every section format's validation is reached.
    static const ConfigFormat kFormats[] = {ConfigFormat::StorageCfg, ConfigFormat::DomainsCfg, ConfigFormat::HaGroups,
                                            ConfigFormat::HaResources, ConfigFormat::HaRules};
    const ConfigFormat format = kFormats[data[0] % 5];
    const QByteArray input = fuzzInput(data + 1, size - 1);
    auto file = SectionConfigFile::parse(input, QStringLiteral("fuzz.cfg"), sectionSchema(format));
    requireRoundTrip(input, file.toBytes());
    if (!file.sections().isEmpty()) {
        const auto first = file.sections().first();
        const QByteArray type = first.type.toByteArray(), id = first.id.toByteArray();
        file.setProperty(type, id, "comment", "fuzzed");
        file.removeSection(type, id);
    }
    return 0;
}
