#include "GuestKeys.h"

#include <QRegularExpression>

namespace atalaia::guests {

QString sizeText(qint64 bytes)
{
    if (bytes % (qint64(1) << 30) == 0)
        return QString::number(bytes >> 30) + u'G';
    return QString::number(bytes >> 20) + u'M';
}

bool isQemuDiskKey(const QString &key)
{
    static const QRegularExpression kDisk(QStringLiteral(R"(^(ide|sata|scsi|virtio|efidisk|tpmstate|unused)\d+$)"));
    return kDisk.match(key).hasMatch();
}

bool isLxcVolumeKey(const QString &key)
{
    static const QRegularExpression kVolume(QStringLiteral(R"(^(rootfs|mp\d+|unused\d+)$)"));
    return kVolume.match(key).hasMatch();
}

qint64 parseSize(const QString &text)
{
    if (text.isEmpty())
        return 0;
    const QChar unit = text.back().toUpper();
    const double n = (unit.isDigit() ? text : text.chopped(1)).toDouble();
    switch (unit.unicode()) {
    case 'K': return qint64(n * 1024);
    case 'M': return qint64(n * 1024 * 1024);
    case 'G': return qint64(n * 1024 * 1024 * 1024);
    case 'T': return qint64(n * 1024 * 1024 * 1024 * 1024);
    default: return qint64(n);
    }
}

std::pair<QString, QStringList> splitDisk(const QString &value)
{
    QStringList parts = value.split(u',');
    QString volume = parts.takeFirst();
    if (volume.startsWith(QStringLiteral("file=")))
        volume = volume.mid(5);
    else if (volume.startsWith(QStringLiteral("volume=")))
        volume = volume.mid(7);
    return {volume, parts};
}

QString optionValue(const QStringList &options, const QString &name)
{
    for (const QString &o : options)
        if (o.startsWith(name + u'='))
            return o.mid(name.size() + 1);
    return {};
}

} // namespace atalaia::guests
