#include "ConnectionStore.h"

#include <QSettings>

#include <memory>

namespace atalaia::ui {

namespace {

std::unique_ptr<QSettings> open(const QString &file)
{
    if (file.isEmpty())
        return std::make_unique<QSettings>();
    return std::make_unique<QSettings>(file, QSettings::IniFormat);
}

const QString kGroup = QStringLiteral("connections");

} // namespace

ConnectionStore::ConnectionStore(QString file)
    : m_file(std::move(file))
{
}

QList<ConnectionProfile> ConnectionStore::load() const
{
    auto settings = open(m_file);
    settings->beginGroup(kGroup);
    QList<ConnectionProfile> profiles;
    for (const QString &id : settings->childGroups()) {
        settings->beginGroup(id);
        ConnectionProfile p = ConnectionProfile::load(*settings, id);
        settings->endGroup();
        if (p.isValid())
            profiles.append(std::move(p));
    }
    return profiles;
}

void ConnectionStore::save(const ConnectionProfile &profile) const
{
    auto settings = open(m_file);
    settings->beginGroup(kGroup);
    settings->beginGroup(profile.id);
    profile.save(*settings);
    settings->endGroup();
    settings->endGroup();
    settings->sync();
}

void ConnectionStore::remove(const QString &id) const
{
    auto settings = open(m_file);
    settings->beginGroup(kGroup);
    settings->remove(id);
    settings->endGroup();
    settings->sync();
}

} // namespace atalaia::ui
