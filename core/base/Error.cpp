#include "Error.h"

namespace atalaia {

Domain Error::domain() const
{
    switch (static_cast<int>(code) / 100) {
    case 1: return Domain::Config;
    case 2: return Domain::Model;
    case 3: return Domain::Access;
    case 4: return Domain::Store;
    case 5: return Domain::Tasks;
    case 6: return Domain::Api;
    case 7: return Domain::Secrets;
    case 8: return Domain::Cluster;
    case 9: return Domain::Virt;
    default: return Domain::Generic;
    }
}

QString Error::domainName(Domain domain)
{
    switch (domain) {
    case Domain::Config: return QStringLiteral("config");
    case Domain::Model: return QStringLiteral("model");
    case Domain::Access: return QStringLiteral("access");
    case Domain::Store: return QStringLiteral("store");
    case Domain::Tasks: return QStringLiteral("tasks");
    case Domain::Api: return QStringLiteral("api");
    case Domain::Secrets: return QStringLiteral("secrets");
    case Domain::Cluster: return QStringLiteral("cluster");
    case Domain::Virt: return QStringLiteral("virt");
    case Domain::Generic: break;
    }
    return {};
}

QString Error::toString() const
{
    const QString name = domainName(domain());
    return name.isEmpty() ? message : name + QStringLiteral(": ") + message;
}

} // namespace atalaia
