#pragma once

#include "ConnectionProfile.h"

#include <QList>
#include <QString>

namespace atalaia::ui {

// The saved connections, in the console's settings file (QSettings: on Linux
// ~/.config/Atalaia/atalaia.conf). No secrets are ever written here.
class ConnectionStore
{
public:
    // FILE: an explicit settings file (tests, --config); empty: the user's default.
    explicit ConnectionStore(QString file = {});

    QList<ConnectionProfile> load() const;
    void save(const ConnectionProfile &profile) const;   // adds or replaces by id
    void remove(const QString &id) const;

private:
    QString m_file;
};

} // namespace atalaia::ui
