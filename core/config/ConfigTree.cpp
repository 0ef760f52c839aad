#include "ConfigTree.h"

#include "ConfigDocument.h"
#include "Reporter.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace atalaia::config {

namespace {

Result<QByteArray> readConfigFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(Code::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    // One byte over the limit is enough for the parser to say the file is too large.
    return file.read(LineBuffer::kMaxFileSize + 1);
}

struct GuestFile {
    qsizetype index;      // into the tree's files
    QString node;         // from nodes/<node>/...; empty outside nodes/
    ConfigFormat format;
};

// nodes/<node>/qemu-server/<vmid>.conf -> (node, vmid)
QPair<QString, int> guestLocation(const QString &relativePath)
{
    static const QRegularExpression kPath(QStringLiteral(R"((?:^|/)(?:nodes/([^/]+)/)?(?:qemu-server|lxc)/(\d+)\.conf$)"));
    const auto m = kPath.match(relativePath);
    return {m.captured(1), m.captured(2).toInt()};
}

// The storage id of a disk value like "ceph-vm:vm-100-disk-0,size=32G", or empty.
QString storageOfVolume(QStringView value)
{
    const QStringView volume = value.first(value.indexOf(u',') < 0 ? value.size() : value.indexOf(u','));
    if (volume.startsWith(u'/') || volume == u"none" || volume == u"cdrom")
        return {};
    const qsizetype colon = volume.indexOf(u':');
    return colon > 0 ? volume.first(colon).toString() : QString();
}

bool isDiskKey(QStringView key)
{
    static const QRegularExpression kDisk(
        QStringLiteral(R"(^(?:(?:ide|sata|scsi|virtio|mp|unused)\d+|efidisk0|tpmstate0|rootfs)$)"));
    return kDisk.matchView(key).hasMatch();
}

// Everything the reference checks need from the parsed files.
class ReferenceChecker
{
public:
    ReferenceChecker(const QList<ConfigTree::File> &files, const QList<ConfigDocument> &docs, Diagnostics &out)
        : m_files(files), m_docs(docs), m_out(out)
    {
        for (qsizetype i = 0; i < files.size(); ++i)
            m_byFormat[files[i].format].append(i);
    }

    void run()
    {
        collectNodes();
        checkGuests();
        checkHa();
        checkSecrets();
    }

private:
    template <typename T>
    const T *single(ConfigFormat format, qsizetype *index = nullptr) const
    {
        const QList<qsizetype> list = m_byFormat.value(format);
        if (list.isEmpty())
            return nullptr;
        if (index)
            *index = list.first();
        return m_docs[list.first()].as<T>();
    }

    // Reports at a view into file INDEX's text (line and byte offset of the view).
    void report(qsizetype index, Diagnostic::Severity severity, qsizetype line, QByteArrayView at, QString message)
    {
        LineBuffer lines(m_files[index].bytes);
        Reporter r(m_files[index].displayPath, lines, m_out);
        const qsizetype byte = line < lines.lineCount() && !at.isNull() ? at.data() - lines.line(line).data() : 0;
        const qsizetype clamped = std::clamp<qsizetype>(byte, 0, line < lines.lineCount() ? lines.line(line).size() : 0);
        if (severity == Diagnostic::Severity::Error)
            r.error(line, clamped, std::move(message));
        else
            r.warning(line, clamped, std::move(message));
    }

    void collectNodes()
    {
        if (const auto *corosync = single<CorosyncConfigFile>(ConfigFormat::CorosyncConf)) {
            m_haveNodeList = true;
            for (const auto &node : corosync->nodes())
                m_clusterNodes.insert(node.name);
        }
    }

    void checkNodeKnown(qsizetype index, qsizetype line, QByteArrayView at, const QString &node, const QString &what)
    {
        if (m_haveNodeList && !m_clusterNodes.contains(node))
            report(index, Diagnostic::Severity::Warning, line, at,
                   QStringLiteral("%1 names node '%2', which is not in corosync.conf's nodelist").arg(what, node));
    }

    void checkGuests()
    {
        QSet<QString> storages;
        qsizetype storageIndex = -1;
        const auto *storage = single<SectionConfigFile>(ConfigFormat::StorageCfg, &storageIndex);
        if (storage)
            for (const auto &s : storage->sections())
                storages.insert(s.idString());
        for (ConfigFormat format : {ConfigFormat::QemuConf, ConfigFormat::LxcConf}) {
            for (qsizetype index : m_byFormat.value(format)) {
                const auto [node, vmid] = guestLocation(m_files[index].relativePath);
                if (const auto it = m_guests.constFind(vmid); it != m_guests.cend()) {
                    report(index, Diagnostic::Severity::Error, 0, {},
                           QStringLiteral("guest id %1 is also used by %2: guest ids must be unique in the cluster")
                               .arg(vmid).arg(m_files[it->index].relativePath));
                } else {
                    m_guests.insert(vmid, GuestFile{index, node, format});
                }
                if (!node.isEmpty())
                    checkNodeKnown(index, 0, {}, node, QStringLiteral("this guest's directory"));
                const auto *guest = m_docs[index].as<GuestConfigFile>();
                if (!guest || !storage)
                    continue;
                for (const auto &section : guest->sections()) {
                    for (const auto &entry : section.entries) {
                        if (!isDiskKey(entry.keyString()))
                            continue;
                        const QString id = storageOfVolume(entry.valueString());
                        if (!id.isEmpty() && !storages.contains(id))
                            report(index, Diagnostic::Severity::Error, entry.line, entry.value,
                                   QStringLiteral("'%1' uses storage '%2', which storage.cfg does not define")
                                       .arg(entry.keyString(), id));
                    }
                }
            }
        }
    }

    void checkHa()
    {
        qsizetype resourcesIndex = -1, groupsIndex = -1, rulesIndex = -1;
        const auto *resources = single<SectionConfigFile>(ConfigFormat::HaResources, &resourcesIndex);
        const auto *groups = single<SectionConfigFile>(ConfigFormat::HaGroups, &groupsIndex);
        const auto *rules = single<SectionConfigFile>(ConfigFormat::HaRules, &rulesIndex);
        QSet<QString> groupIds, resourceIds;
        if (groups) {
            for (const auto &g : groups->sections()) {
                groupIds.insert(g.idString());
                if (const auto *nodes = g.find("nodes"))
                    checkNodeList(groupsIndex, *nodes, QStringLiteral("HA group '%1'").arg(g.idString()));
            }
        }
        const bool haveGuests = !m_guests.isEmpty();
        if (resources) {
            for (const auto &r : resources->sections()) {
                const QString type = r.typeString();
                resourceIds.insert(type + QLatin1Char(':') + r.idString());
                const int vmid = r.idString().toInt();
                const auto guest = m_guests.constFind(vmid);
                if (haveGuests && guest == m_guests.cend()) {
                    report(resourcesIndex, Diagnostic::Severity::Error, r.headerLine, r.id,
                           QStringLiteral("HA resource %1:%2 refers to guest %2, which has no config file in this tree")
                               .arg(type, r.idString()));
                } else if (guest != m_guests.cend()) {
                    const bool isVm = guest->format == ConfigFormat::QemuConf;
                    if ((type == QLatin1String("vm")) != isVm)
                        report(resourcesIndex, Diagnostic::Severity::Error, r.headerLine, r.type,
                               QStringLiteral("HA resource %1:%2 is a %3, but guest %2 is a %4: write '%5: %2'")
                                   .arg(type, r.idString(), type == QLatin1String("vm") ? QStringLiteral("VM") : QStringLiteral("container"),
                                        isVm ? QStringLiteral("VM") : QStringLiteral("container"),
                                        isVm ? QStringLiteral("vm") : QStringLiteral("ct")));
                }
                if (const auto *group = r.find("group"); group && !groupIds.contains(group->valueString()))
                    report(resourcesIndex, Diagnostic::Severity::Error, group->line, group->value,
                           QStringLiteral("HA group '%1' is not defined in ha/groups.cfg").arg(group->valueString()));
            }
        }
        if (rules) {
            for (const auto &rule : rules->sections()) {
                if (const auto *nodes = rule.find("nodes"))
                    checkNodeList(rulesIndex, *nodes, QStringLiteral("HA rule '%1'").arg(rule.idString()));
                const auto *list = rule.find("resources");
                if (!list || !resources)
                    continue;
                for (const QString &sid : list->valueString().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                    if (!resourceIds.contains(sid.trimmed()))
                        report(rulesIndex, Diagnostic::Severity::Warning, list->line, list->value,
                               QStringLiteral("HA rule '%1' names %2, which is not an HA resource in ha/resources.cfg")
                                   .arg(rule.idString(), sid.trimmed()));
                }
            }
        }
    }

    void checkNodeList(qsizetype index, const SectionConfigFile::Property &nodes, const QString &what)
    {
        for (const QString &item : nodes.valueString().split(QLatin1Char(','), Qt::SkipEmptyParts))
            checkNodeKnown(index, nodes.line, nodes.value, item.section(QLatin1Char(':'), 0, 0).trimmed(), what);
    }

    void checkSecrets()
    {
        const auto *users = single<UserConfigFile>(ConfigFormat::UserCfg);
        if (!users)
            return;
        for (ConfigFormat format : {ConfigFormat::Shadow, ConfigFormat::TokenSecrets}) {
            qsizetype index = -1;
            const auto *secrets = single<ShadowFile>(format, &index);
            if (!secrets)
                continue;
            for (const auto &entry : secrets->entries()) {
                const bool known = format == ConfigFormat::Shadow ? users->findUser(entry.id) != nullptr
                                                                  : users->findToken(entry.id) != nullptr;
                if (!known)
                    report(index, Diagnostic::Severity::Warning, entry.line, entry.id,
                           QStringLiteral("'%1' has a secret here but no %2 in user.cfg: a leftover?")
                               .arg(entry.idString(), format == ConfigFormat::Shadow ? QStringLiteral("user line")
                                                                                     : QStringLiteral("token line")));
            }
        }
    }

    const QList<ConfigTree::File> &m_files;
    const QList<ConfigDocument> &m_docs;
    Diagnostics &m_out;
    QHash<ConfigFormat, QList<qsizetype>> m_byFormat;
    QHash<int, GuestFile> m_guests;
    QSet<QString> m_clusterNodes;
    bool m_haveNodeList = false;
};

} // namespace

Result<ConfigTree> ConfigTree::load(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return fail(Code::NotFound, QStringLiteral("%1: no such file or directory").arg(path));
    ConfigTree tree;
    if (!info.isDir()) {
        const ConfigFormat format = formatForPath(path);
        if (format == ConfigFormat::Unknown)
            return fail(Code::ConfigUnknownFormat,
                        QStringLiteral("%1: not a config file Atalaia knows (by its name): expected user.cfg, "
                                       "domains.cfg, datacenter.cfg, storage.cfg, corosync.conf, ha/groups.cfg, "
                                       "ha/resources.cfg, ha/rules.cfg, priv/shadow.cfg, priv/token.cfg, "
                                       "qemu-server/<vmid>.conf, lxc/<vmid>.conf or another section-config file "
                                       "(replication.cfg, jobs.cfg, sdn/*.cfg, ...)").arg(path));
        auto bytes = readConfigFile(path);
        if (!bytes)
            return std::unexpected(bytes.error());
        tree.m_files.append(File{info.fileName(), path, format, *bytes});
        return tree;
    }
    tree.m_isTree = true;
    const QDir root(info.absoluteFilePath());
    QDirIterator it(root.path(), QDir::Files | QDir::NoSymLinks | QDir::Hidden, QDirIterator::Subdirectories);
    QStringList relativePaths;
    while (it.hasNext())
        relativePaths.append(root.relativeFilePath(it.next()));
    relativePaths.sort(); // stable output whatever the file system's order
    for (const QString &relative : std::as_const(relativePaths)) {
        const ConfigFormat format = formatForPath(relative);
        if (format == ConfigFormat::Unknown) {
            ++tree.m_skipped;
            continue;
        }
        const QString display = QDir::cleanPath(path + QLatin1Char('/') + relative);
        auto bytes = readConfigFile(root.filePath(relative));
        if (!bytes)
            return std::unexpected(bytes.error());
        tree.m_files.append(File{relative, display, format, *bytes});
    }
    return tree;
}

Diagnostics ConfigTree::checkFile(const QByteArray &bytes, const QString &displayPath, ConfigFormat format)
{
    return ConfigDocument::parse(bytes, displayPath, format).diagnostics();
}

Diagnostics ConfigTree::check() const
{
    Diagnostics out;
    QList<ConfigDocument> docs;
    docs.reserve(m_files.size());
    for (const File &file : m_files) {
        docs.append(ConfigDocument::parse(file.bytes, file.displayPath, file.format));
        out += docs.last().diagnostics();
    }
    // References only make sense between the files of one tree.
    if (m_isTree)
        ReferenceChecker(m_files, docs, out).run();
    std::stable_sort(out.begin(), out.end(), [](const Diagnostic &a, const Diagnostic &b) {
        return std::tuple(a.file, a.line, a.column) < std::tuple(b.file, b.line, b.column);
    });
    return out;
}

} // namespace atalaia::config
