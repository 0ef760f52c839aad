#pragma once

#include "ConfigFileBase.h"
#include "ConfigFormat.h"
#include "CorosyncConfigFile.h"
#include "GuestConfigFile.h"
#include "KeyValueFile.h"
#include "SectionConfigFile.h"
#include "ShadowFile.h"
#include "UserConfigFile.h"

#include <variant>

namespace atalaia::config {

enum class Validation { Off, On };

// A file of a format Atalaia does not know: kept byte for byte, never checked
// (its diagnostics stay empty).
class PlainFile : public ConfigFileBase
{
public:
    PlainFile() = default;
    PlainFile(QByteArray bytes, QString fileName)
        : ConfigFileBase(std::move(bytes), std::move(fileName))
    {
    }
};

// Any config file Atalaia knows, parsed by its format's parser: the one place
// that maps a ConfigFormat to a parser (used by the tree checker, the CLI, the
// benchmarks and the fuzzers).
class ConfigDocument
{
public:
    // VALIDATION Off checks structure only (syntax, duplicates), not values
    // against the schema — for bulk reads where speed matters.
    static ConfigDocument parse(QByteArray bytes, QString fileName, ConfigFormat format,
                                Validation validation = Validation::On);

    ConfigFormat format() const { return m_format; }
    QByteArray toBytes() const;
    const Diagnostics &diagnostics() const;

    template <typename T>
    const T *as() const { return std::get_if<T>(&m_file); }

private:
    ConfigFormat m_format = ConfigFormat::Unknown;
    std::variant<PlainFile, KeyValueFile, SectionConfigFile, GuestConfigFile, UserConfigFile, CorosyncConfigFile, ShadowFile> m_file;
};

} // namespace atalaia::config
