#include "ConfigFormat.h"

#include <QRegularExpression>

namespace atalaia::config {

ConfigFormat formatForPath(QStringView path)
{
    QString p = path.toString();
    p.replace(QLatin1Char('\\'), QLatin1Char('/'));
    while (p.startsWith(QLatin1String("./")))
        p.remove(0, 2);
    static const QRegularExpression kGuest(QStringLiteral(R"((?:^|/)(qemu-server|lxc)/[1-9][0-9]{2,8}\.conf$)"));
    if (const auto m = kGuest.matchView(p); m.hasMatch())
        return m.capturedView(1) == u"lxc" ? ConfigFormat::LxcConf : ConfigFormat::QemuConf;
    static const QList<QPair<QString, ConfigFormat>> kNamed = {
        {QStringLiteral("priv/shadow.cfg"), ConfigFormat::Shadow},
        {QStringLiteral("priv/token.cfg"), ConfigFormat::TokenSecrets},
        {QStringLiteral("ha/groups.cfg"), ConfigFormat::HaGroups},
        {QStringLiteral("ha/resources.cfg"), ConfigFormat::HaResources},
        {QStringLiteral("ha/rules.cfg"), ConfigFormat::HaRules},
        {QStringLiteral("user.cfg"), ConfigFormat::UserCfg},
        {QStringLiteral("domains.cfg"), ConfigFormat::DomainsCfg},
        {QStringLiteral("datacenter.cfg"), ConfigFormat::DatacenterCfg},
        {QStringLiteral("storage.cfg"), ConfigFormat::StorageCfg},
        {QStringLiteral("corosync.conf"), ConfigFormat::CorosyncConf},
        // Section-config files whose schemas are outside the API subset we
        // carry: their structure is still checked and they round-trip.
        {QStringLiteral("replication.cfg"), ConfigFormat::OtherSections},
        {QStringLiteral("jobs.cfg"), ConfigFormat::OtherSections},
        {QStringLiteral("status.cfg"), ConfigFormat::OtherSections},
        {QStringLiteral("notifications.cfg"), ConfigFormat::OtherSections},
        {QStringLiteral("sdn/zones.cfg"), ConfigFormat::OtherSections},
        {QStringLiteral("sdn/vnets.cfg"), ConfigFormat::OtherSections},
        {QStringLiteral("sdn/subnets.cfg"), ConfigFormat::OtherSections},
        {QStringLiteral("sdn/controllers.cfg"), ConfigFormat::OtherSections},
        {QStringLiteral("sdn/ipams.cfg"), ConfigFormat::OtherSections},
        {QStringLiteral("sdn/dns.cfg"), ConfigFormat::OtherSections},
    };
    for (const auto &[suffix, format] : kNamed) {
        if (p == suffix || p.endsWith(QLatin1Char('/') + suffix))
            return format;
    }
    return ConfigFormat::Unknown;
}

QString formatName(ConfigFormat format)
{
    switch (format) {
    case ConfigFormat::UserCfg: return QStringLiteral("user.cfg");
    case ConfigFormat::DomainsCfg: return QStringLiteral("domains.cfg");
    case ConfigFormat::DatacenterCfg: return QStringLiteral("datacenter.cfg");
    case ConfigFormat::StorageCfg: return QStringLiteral("storage.cfg");
    case ConfigFormat::HaGroups: return QStringLiteral("ha/groups.cfg");
    case ConfigFormat::HaResources: return QStringLiteral("ha/resources.cfg");
    case ConfigFormat::HaRules: return QStringLiteral("ha/rules.cfg");
    case ConfigFormat::CorosyncConf: return QStringLiteral("corosync.conf");
    case ConfigFormat::QemuConf: return QStringLiteral("qemu-server/<vmid>.conf");
    case ConfigFormat::LxcConf: return QStringLiteral("lxc/<vmid>.conf");
    case ConfigFormat::Shadow: return QStringLiteral("priv/shadow.cfg");
    case ConfigFormat::TokenSecrets: return QStringLiteral("priv/token.cfg");
    case ConfigFormat::OtherSections: return QStringLiteral("section config");
    case ConfigFormat::Unknown: break;
    }
    return QStringLiteral("unknown");
}

const SectionConfigFile::Schema *sectionSchema(ConfigFormat format)
{
    static const SectionConfigFile::Schema kStorage{QStringLiteral("/storage"), QStringLiteral("storage")};
    static const SectionConfigFile::Schema kDomains{QStringLiteral("/access/domains"), QStringLiteral("realm")};
    static const SectionConfigFile::Schema kGroups{QStringLiteral("/cluster/ha/groups"), QStringLiteral("group")};
    static const SectionConfigFile::Schema kResources{QStringLiteral("/cluster/ha/resources"), QStringLiteral("sid")};
    static const SectionConfigFile::Schema kRules{QStringLiteral("/cluster/ha/rules"), QStringLiteral("rule")};
    switch (format) {
    case ConfigFormat::StorageCfg: return &kStorage;
    case ConfigFormat::DomainsCfg: return &kDomains;
    case ConfigFormat::HaGroups: return &kGroups;
    case ConfigFormat::HaResources: return &kResources;
    case ConfigFormat::HaRules: return &kRules;
    default: return nullptr;
    }
}

} // namespace atalaia::config
