#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

namespace atalaia::store {
class ConfigStore;
}

namespace atalaia::agent {

// Keeps a read-only copy of the configuration store under a directory, for
// admins and tools (our /etc/pve without FUSE): ConfigStore::exportTo() once
// at start and again shortly after changes, a burst of changes giving one
// export. Files are replaced atomically; priv/ is readable by root only.
class StoreExporter : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDelayMs = 200;

    StoreExporter(store::ConfigStore &store, QString directory, QObject *parent = nullptr);

    const QString &directory() const { return m_directory; }
    // Exports now; false (and a warning in the log) when it failed.
    bool exportNow();

signals:
    void exported(qsizetype files);

private:
    store::ConfigStore &m_store;
    QString m_directory;
    QTimer m_timer;
};

} // namespace atalaia::agent
