#include "ResourceText.h"

#include <QHash>
#include <QLocale>

namespace atalaia::ui {

using namespace Qt::StringLiterals;
using model::ClusterResource;
using model::ResourceType;

namespace {

bool isGuest(ResourceType type)
{
    return type == ResourceType::Qemu || type == ResourceType::Lxc || type == ResourceType::OpenVz;
}

} // namespace

QString ResourceText::typeName(const ClusterResource &resource)
{
    const bool isTemplate = resource.isTemplate.value_or(false);
    switch (resource.type) {
    case ResourceType::Qemu:
        return isTemplate ? tr("VM template") : tr("Virtual machine");
    case ResourceType::Lxc:
    case ResourceType::OpenVz:
        return isTemplate ? tr("Container template") : tr("Container");
    case ResourceType::Node:
        return tr("Node");
    case ResourceType::Storage:
        return tr("Storage");
    case ResourceType::Pool:
        return tr("Pool");
    case ResourceType::Sdn:
        return tr("SDN zone");
    case ResourceType::Network:
        return tr("Network");
    }
    return {};
}

QString ResourceText::shortName(const ClusterResource &r)
{
    switch (r.type) {
    case ResourceType::Qemu:
    case ResourceType::Lxc:
    case ResourceType::OpenVz:
        return r.name.value_or(QString());
    case ResourceType::Node:
        if (r.node)
            return r.node->toString();
        break;
    case ResourceType::Storage:
        if (r.storage)
            return *r.storage;
        break;
    case ResourceType::Pool:
        if (r.pool)
            return *r.pool;
        break;
    case ResourceType::Sdn:
        if (r.sdn)
            return *r.sdn;
        break;
    case ResourceType::Network:
        if (r.network)
            return *r.network;
        break;
    }
    // Fall back to the last part of the id ("storage/pve1/local" → "local").
    const qsizetype slash = r.id.lastIndexOf(u'/');
    return slash < 0 ? r.id : r.id.mid(slash + 1);
}

QString ResourceText::displayName(const ClusterResource &r)
{
    if (isGuest(r.type) && r.vmid) {
        if (r.name && !r.name->isEmpty())
            return tr("%1 (%2)").arg(r.vmid->value()).arg(*r.name);
        return r.vmid->toString();
    }
    return shortName(r);
}

QString ResourceText::statusName(const QString &apiStatus)
{
    static const QHash<QString, const char *> names = {
        {QStringLiteral("running"), QT_TR_NOOP("running")},     {QStringLiteral("stopped"), QT_TR_NOOP("stopped")},
        {QStringLiteral("paused"), QT_TR_NOOP("paused")},       {QStringLiteral("suspended"), QT_TR_NOOP("suspended")},
        {QStringLiteral("prelaunch"), QT_TR_NOOP("starting")},  {QStringLiteral("online"), QT_TR_NOOP("online")},
        {QStringLiteral("offline"), QT_TR_NOOP("offline")},     {QStringLiteral("unknown"), QT_TR_NOOP("unknown")},
        {QStringLiteral("available"), QT_TR_NOOP("available")}, {QStringLiteral("active"), QT_TR_NOOP("active")},
        {QStringLiteral("inactive"), QT_TR_NOOP("inactive")},
    };
    const auto it = names.constFind(apiStatus);
    return it == names.cend() ? apiStatus : tr(*it);
}

QString ResourceText::status(const ClusterResource &r)
{
    const QString status = statusName(r.status.value_or(QString()));
    if (r.lock && !r.lock->isEmpty())
        return tr("%1 (locked: %2)").arg(status, *r.lock);
    return status;
}

QString ResourceText::cpu(const ClusterResource &r)
{
    if (!r.cpu)
        return {};
    return tr("%1 %").arg(QLocale().toString(*r.cpu * 100.0, 'f', 1));
}

QString ResourceText::memory(const ClusterResource &r)
{
    if (!r.mem)
        return {};
    const QLocale locale;
    if (r.maxmem && *r.maxmem > 0)
        return tr("%1 of %2").arg(locale.formattedDataSize(*r.mem), locale.formattedDataSize(*r.maxmem));
    return locale.formattedDataSize(*r.mem);
}

QString ResourceText::duration(qint64 seconds)
{
    constexpr qint64 kMinute = 60;
    constexpr qint64 kHour = 60 * kMinute;
    constexpr qint64 kDay = 24 * kHour;
    if (seconds < kMinute)
        return tr("%1 s").arg(seconds);
    if (seconds < kHour)
        return tr("%1 min").arg(seconds / kMinute);
    if (seconds < kDay)
        return tr("%1 h %2 min").arg(seconds / kHour).arg((seconds % kHour) / kMinute);
    return tr("%1 d %2 h").arg(seconds / kDay).arg((seconds % kDay) / kHour);
}

QString ResourceText::uptime(const ClusterResource &r)
{
    if (!r.uptime || *r.uptime <= 0)
        return {};
    return duration(*r.uptime);
}

QStringList ResourceText::tagList(const ClusterResource &r)
{
    QStringList tags;
    if (!r.tags)
        return tags;
    // PVE joins tags with ';' but accepts ',' and spaces when they are set.
    for (QStringView part : QStringView(*r.tags).tokenize(u';')) {
        for (QStringView piece : part.tokenize(u',')) {
            for (QStringView word : piece.tokenize(u' ', Qt::SkipEmptyParts)) {
                const QString tag = word.trimmed().toString();
                if (!tag.isEmpty() && !tags.contains(tag))
                    tags.append(tag);
            }
        }
    }
    return tags;
}

QString ResourceText::tags(const ClusterResource &r)
{
    return tagList(r).join(u", "_s);
}

QString ResourceText::toolTip(const ClusterResource &r)
{
    QStringList lines;
    lines << tr("%1: %2").arg(typeName(r), displayName(r));
    if (r.pool && r.type != ResourceType::Pool)
        lines << tr("Pool: %1").arg(*r.pool);
    if (r.hastate)
        lines << tr("HA: %1").arg(*r.hastate);
    if (r.lock && !r.lock->isEmpty())
        lines << tr("Locked: %1").arg(*r.lock);
    if (r.type == ResourceType::Storage && r.disk && r.maxdisk) {
        const QLocale locale;
        lines << tr("Used: %1 of %2").arg(locale.formattedDataSize(*r.disk), locale.formattedDataSize(*r.maxdisk));
    }
    if (r.type == ResourceType::Storage && r.plugintype)
        lines << tr("Storage type: %1").arg(*r.plugintype);
    return lines.join(u'\n');
}

QString ResourceText::searchText(const ClusterResource &r)
{
    QString text;
    text.reserve(64);
    text += shortName(r);
    if (r.vmid) {
        text += u'\n';
        text += r.vmid->toString();
    }
    if (r.node) {
        text += u'\n';
        text += r.node->toString();
    }
    if (r.tags) {
        text += u'\n';
        text += *r.tags;
    }
    if (r.status) {
        text += u'\n';
        text += *r.status;
    }
    text += u'\n';
    text += model::enumName(r.type);
    text += u'\n';
    text += typeName(r);
    return text.toLower();
}

QStringList ResourceText::searchTerms(QStringView filterText)
{
    QStringList terms;
    for (QStringView term : filterText.tokenize(u' ', Qt::SkipEmptyParts)) {
        const QString t = term.trimmed().toString().toLower();
        if (!t.isEmpty())
            terms.append(t);
    }
    return terms;
}

int ResourceText::naturalCompare(QStringView a, QStringView b)
{
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < a.size() && j < b.size()) {
        const QChar ca = a[i];
        const QChar cb = b[j];
        if (ca.isDigit() && cb.isDigit()) {
            // Compare the digit runs by value: skip leading zeros, then the
            // longer run is larger, then the first differing digit decides.
            qsizetype ei = i;
            qsizetype ej = j;
            while (ei < a.size() && a[ei].isDigit())
                ++ei;
            while (ej < b.size() && b[ej].isDigit())
                ++ej;
            qsizetype si = i;
            qsizetype sj = j;
            while (si + 1 < ei && a[si] == u'0')
                ++si;
            while (sj + 1 < ej && b[sj] == u'0')
                ++sj;
            if (ei - si != ej - sj)
                return ei - si < ej - sj ? -1 : 1;
            for (; si < ei; ++si, ++sj)
                if (a[si] != b[sj])
                    return a[si] < b[sj] ? -1 : 1;
            i = ei;
            j = ej;
            continue;
        }
        const char32_t la = ca.toCaseFolded().unicode();
        const char32_t lb = cb.toCaseFolded().unicode();
        if (la != lb)
            return la < lb ? -1 : 1;
        ++i;
        ++j;
    }
    if (i < a.size())
        return 1;
    if (j < b.size())
        return -1;
    return 0;
}

} // namespace atalaia::ui
