#include "StoreExporter.h"

#include "store/ConfigStore.h"

#include <QLoggingCategory>

namespace atalaia::agent {

Q_LOGGING_CATEGORY(lcExport, "atalaia.agent.export")

StoreExporter::StoreExporter(store::ConfigStore &store, QString directory, QObject *parent)
    : QObject(parent), m_store(store), m_directory(std::move(directory))
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(kDelayMs);
    connect(&m_timer, &QTimer::timeout, this, &StoreExporter::exportNow);
    // Changes arrive from whichever thread committed them: queued to ours.
    connect(&m_store, &store::ConfigStore::changed, this, [this] {
        if (!m_timer.isActive())
            m_timer.start();
    }, Qt::QueuedConnection);
    m_timer.start(0);
}

bool StoreExporter::exportNow()
{
    m_timer.stop();
    const Result<qsizetype> files = m_store.exportTo(m_directory);
    if (!files) {
        qCWarning(lcExport) << "cannot export the configuration to" << m_directory << ":" << files.error().message;
        return false;
    }
    emit exported(*files);
    return true;
}

} // namespace atalaia::agent
