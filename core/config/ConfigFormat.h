#pragma once

#include "SectionConfigFile.h"

#include <QString>
#include <QStringView>

namespace atalaia::config {

// The files of an /etc/pve-like tree that Atalaia understands.
enum class ConfigFormat {
    Unknown,
    UserCfg,        // user.cfg
    DomainsCfg,     // domains.cfg
    DatacenterCfg,  // datacenter.cfg
    StorageCfg,     // storage.cfg
    HaGroups,       // ha/groups.cfg
    HaResources,    // ha/resources.cfg
    HaRules,        // ha/rules.cfg
    CorosyncConf,   // corosync.conf
    QemuConf,       // [nodes/<node>/]qemu-server/<vmid>.conf
    LxcConf,        // [nodes/<node>/]lxc/<vmid>.conf
    Shadow,         // priv/shadow.cfg
    TokenSecrets,   // priv/token.cfg
    OtherSections,  // replication.cfg, jobs.cfg, sdn/*.cfg, ...: section config, structure checked only
};

// Recognises a file by its path relative to the tree's root (or its bare
// name, for single files): "ha/groups.cfg", "nodes/n1/qemu-server/100.conf".
ConfigFormat formatForPath(QStringView path);
QString formatName(ConfigFormat format);

// The API schema binding of the section-config formats, or nullptr.
const SectionConfigFile::Schema *sectionSchema(ConfigFormat format);

} // namespace atalaia::config
