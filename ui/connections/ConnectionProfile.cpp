#include "ConnectionProfile.h"

#include <QSettings>
#include <QStringList>
#include <QUuid>

namespace atalaia::ui {

using api::client::Endpoint;
using api::client::Fingerprint;

QString ConnectionProfile::addressesText() const
{
    QStringList parts;
    for (const Endpoint &e : endpoints)
        parts.append(e.toString());
    return parts.join(QLatin1String(", "));
}

QString ConnectionProfile::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

void ConnectionProfile::save(QSettings &settings) const
{
    settings.setValue(QStringLiteral("name"), name);
    settings.setValue(QStringLiteral("addresses"), addressesText());
    settings.setValue(QStringLiteral("user"), userid);
    settings.setValue(QStringLiteral("token"), tokenName);
    settings.setValue(QStringLiteral("remember"), rememberSecret);
    settings.remove(QStringLiteral("pins"));
    settings.beginGroup(QStringLiteral("pins"));
    for (auto it = trust.pins().cbegin(); it != trust.pins().cend(); ++it)
        // QSettings keys may not hold '/' and treat ':' oddly on some formats: encode the address.
        settings.setValue(QString::fromLatin1(it.key().toString().toUtf8().toHex()), it.value().toString());
    settings.endGroup();
}

ConnectionProfile ConnectionProfile::load(const QSettings &settings, const QString &id)
{
    ConnectionProfile p;
    p.id = id;
    p.name = settings.value(QStringLiteral("name")).toString();
    if (auto list = Endpoint::parseList(settings.value(QStringLiteral("addresses")).toString()))
        p.endpoints = *list;
    p.userid = settings.value(QStringLiteral("user")).toString();
    p.tokenName = settings.value(QStringLiteral("token")).toString();
    p.rememberSecret = settings.value(QStringLiteral("remember")).toBool();
    const QString pinsGroup = QStringLiteral("pins/");
    for (const QString &key : settings.allKeys()) {
        if (!key.startsWith(pinsGroup))
            continue;
        const auto endpoint = Endpoint::parse(QString::fromUtf8(QByteArray::fromHex(key.mid(pinsGroup.size()).toLatin1())));
        const auto fingerprint = Fingerprint::parse(settings.value(key).toString());
        if (endpoint && fingerprint)
            p.trust.pin(*endpoint, *fingerprint);
    }
    return p;
}

} // namespace atalaia::ui
