#include "JoinInformation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace atalaia::cluster {

namespace {

const QRegularExpression kFingerprint(QStringLiteral("^([A-Fa-f0-9]{2}:){31}[A-Fa-f0-9]{2}$"));

// "10.0.0.1" or "address=10.0.0.1,priority=10" (a ringN_addr property string).
QString addressOf(const QString &ringAddr)
{
    for (const QString &part : ringAddr.split(QLatin1Char(','))) {
        if (!part.contains(QLatin1Char('=')))
            return part.trimmed();
        if (part.startsWith(QLatin1String("address=")))
            return part.mid(8).trimmed();
    }
    return {};
}

} // namespace

Result<JoinInformation> JoinInformation::fromJoinAnswer(const QJsonObject &answer)
{
    const QString preferred = answer.value(QLatin1String("preferred_node")).toString();
    for (const QJsonValue &v : answer.value(QLatin1String("nodelist")).toArray()) {
        const QJsonObject node = v.toObject();
        if (node.value(QLatin1String("name")).toString() != preferred)
            continue;
        JoinInformation info;
        info.ipAddress = node.value(QLatin1String("pve_addr")).toString();
        info.fingerprint = node.value(QLatin1String("pve_fp")).toString();
        info.totem = answer.value(QLatin1String("totem")).toObject();
        for (int link = 0; link < 8; ++link) {
            const QString ring = node.value(QStringLiteral("ring%1_addr").arg(link)).toString();
            if (ring.isEmpty())
                continue;
            info.peerLinks.insert(link, addressOf(ring));
            info.ringAddresses.append(addressOf(ring));
        }
        return fromJson(info.toJson()); // the same checks as a pasted blob
    }
    return fail(Code::InvalidArgument,
                QStringLiteral("the join answer has no entry for its preferred node '%1'").arg(preferred));
}

QJsonObject JoinInformation::toJson() const
{
    QJsonObject links;
    for (auto it = peerLinks.cbegin(); it != peerLinks.cend(); ++it)
        links.insert(QString::number(it.key()), it.value());
    return {{QStringLiteral("ipAddress"), ipAddress},
            {QStringLiteral("fingerprint"), fingerprint},
            {QStringLiteral("peerLinks"), links},
            {QStringLiteral("ring_addr"), QJsonArray::fromStringList(ringAddresses)},
            {QStringLiteral("totem"), totem}};
}

Result<JoinInformation> JoinInformation::fromJson(const QJsonObject &json)
{
    JoinInformation info;
    info.ipAddress = json.value(QLatin1String("ipAddress")).toString();
    info.fingerprint = json.value(QLatin1String("fingerprint")).toString();
    info.totem = json.value(QLatin1String("totem")).toObject();
    const QJsonObject links = json.value(QLatin1String("peerLinks")).toObject();
    for (auto it = links.begin(); it != links.end(); ++it) {
        bool ok = false;
        const int link = it.key().toInt(&ok);
        if (!ok || link < 0 || link > 7)
            return fail(Code::InvalidArgument,
                        QStringLiteral("join information: '%1' is not a corosync link number (0 to 7)").arg(it.key()));
        info.peerLinks.insert(link, it.value().toString());
    }
    for (const QJsonValue &v : json.value(QLatin1String("ring_addr")).toArray())
        info.ringAddresses.append(v.toString());

    if (info.ipAddress.isEmpty())
        return fail(Code::InvalidArgument, QStringLiteral("join information: the node's address (ipAddress) is missing"));
    if (!kFingerprint.match(info.fingerprint).hasMatch())
        return fail(Code::InvalidArgument,
                    QStringLiteral("join information: '%1' is not a SHA-256 certificate fingerprint (32 hex pairs "
                                   "separated by ':')").arg(info.fingerprint));
    if (info.peerLinks.isEmpty())
        return fail(Code::InvalidArgument, QStringLiteral("join information: the node has no corosync link (peerLinks)"));
    if (info.clusterName().isEmpty())
        return fail(Code::InvalidArgument, QStringLiteral("join information: the cluster name (totem.cluster_name) is missing"));
    info.fingerprint = info.fingerprint.toUpper();
    return info;
}

QString JoinInformation::toBlob() const
{
    return QString::fromLatin1(QJsonDocument(toJson()).toJson(QJsonDocument::Compact).toBase64());
}

Result<JoinInformation> JoinInformation::fromBlob(QStringView text)
{
    QByteArray compact;
    for (const QChar c : text)
        if (!c.isSpace())
            compact.append(c.toLatin1());
    if (compact.isEmpty())
        return fail(Code::InvalidArgument, QStringLiteral("the join information is empty: paste the text from the "
                                                          "cluster's Join Information"));
    const auto decoded = QByteArray::fromBase64Encoding(compact, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return fail(Code::InvalidArgument, QStringLiteral("the join information is not base64 text: was it copied whole?"));
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(*decoded, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return fail(Code::InvalidArgument,
                    QStringLiteral("the join information is cut or damaged (%1): copy it again").arg(error.errorString()));
    return fromJson(doc.object());
}

} // namespace atalaia::cluster
