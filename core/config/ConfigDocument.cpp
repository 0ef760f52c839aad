#include "ConfigDocument.h"

namespace atalaia::config {

ConfigDocument ConfigDocument::parse(QByteArray bytes, QString fileName, ConfigFormat format, Validation validation)
{
    const bool validate = validation == Validation::On;
    ConfigDocument doc;
    doc.m_format = format;
    switch (format) {
    case ConfigFormat::UserCfg:
        doc.m_file = UserConfigFile::parse(std::move(bytes), std::move(fileName));
        break;
    case ConfigFormat::DatacenterCfg:
        doc.m_file = KeyValueFile::parse(std::move(bytes), std::move(fileName),
                                         validate ? QStringLiteral("/cluster/options") : QString());
        break;
    case ConfigFormat::DomainsCfg:
    case ConfigFormat::StorageCfg:
    case ConfigFormat::HaGroups:
    case ConfigFormat::HaResources:
    case ConfigFormat::HaRules:
    case ConfigFormat::OtherSections:
        doc.m_file = SectionConfigFile::parse(std::move(bytes), std::move(fileName),
                                              validate ? sectionSchema(format) : nullptr);
        break;
    case ConfigFormat::CorosyncConf:
        doc.m_file = CorosyncConfigFile::parse(std::move(bytes), std::move(fileName));
        break;
    case ConfigFormat::QemuConf:
    case ConfigFormat::LxcConf:
        doc.m_file = GuestConfigFile::parse(std::move(bytes), std::move(fileName),
                                            format == ConfigFormat::QemuConf ? GuestConfigFile::Kind::Qemu
                                                                             : GuestConfigFile::Kind::Lxc,
                                            validate);
        break;
    case ConfigFormat::Shadow:
    case ConfigFormat::TokenSecrets:
        doc.m_file = ShadowFile::parse(std::move(bytes), std::move(fileName),
                                       format == ConfigFormat::Shadow ? ShadowFile::Format::Shadow
                                                                      : ShadowFile::Format::Tokens);
        break;
    case ConfigFormat::Unknown:
        doc.m_file = PlainFile(std::move(bytes), std::move(fileName));
        break;
    }
    return doc;
}

QByteArray ConfigDocument::toBytes() const
{
    return std::visit([](const auto &file) { return file.toBytes(); }, m_file);
}

const Diagnostics &ConfigDocument::diagnostics() const
{
    return std::visit([](const auto &file) -> const Diagnostics & { return file.diagnostics(); }, m_file);
}

} // namespace atalaia::config
