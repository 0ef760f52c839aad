#include "CorosyncMembership.h"

#include "CorosyncWorker.h"

#include <QDeadlineTimer>
#include <QLoggingCategory>
#include <QMetaObject>
#include <QMutex>
#include <QThread>

namespace atalaia::cluster::corosync {

Q_DECLARE_LOGGING_CATEGORY(lcCorosync)

// What the worker thread and the owner share. The worker holds it too, so it
// outlives an owner that had to leave a stuck worker behind.
struct CorosyncMembership::Shared {
    QMutex mutex; // guards everything below
    CorosyncSnapshot snapshot;
    ClusterView view;
    bool ready = false;
    CorosyncMembership *owner = nullptr; // null once the owner is being destroyed
};

namespace {

class WorkerThread final : public QThread
{
public:
    WorkerThread(QString path, CorosyncWorker::Sink sink)
        : m_path(std::move(path))
        , m_sink(std::move(sink))
    {
        setObjectName(QStringLiteral("corosync"));
    }

protected:
    void run() override
    {
        // Lives, works and dies (closing its corosync handles) on this thread.
        CorosyncWorker worker(m_path, m_sink);
        worker.start();
        exec();
    }

private:
    QString m_path;
    CorosyncWorker::Sink m_sink;
};

} // namespace

CorosyncMembership::CorosyncMembership(QString localNodeName, QString configPath, QObject *parent)
    : Membership(parent)
    , m_shared(std::make_shared<Shared>())
{
    m_shared->snapshot = CorosyncWorker::readConfigFile(configPath);
    m_shared->view = m_shared->snapshot.toView(localNodeName);
    m_shared->owner = this;

    auto sink = [shared = m_shared, name = localNodeName](const CorosyncSnapshot &snapshot) {
        const ClusterView view = snapshot.toView(name);
        QMutexLocker lock(&shared->mutex);
        shared->snapshot = snapshot;
        shared->view = view;
        shared->ready = true;
        // Posted while the owner cannot go away (its destructor takes the
        // mutex); a posted call to an object deleted later is dropped.
        if (shared->owner)
            QMetaObject::invokeMethod(shared->owner, &Membership::changed, Qt::QueuedConnection);
    };
    m_thread = std::make_unique<WorkerThread>(std::move(configPath), std::move(sink));
    m_thread->start();
}

CorosyncMembership::~CorosyncMembership()
{
    {
        QMutexLocker lock(&m_shared->mutex);
        m_shared->owner = nullptr;
    }
    m_thread->quit();
    // Long enough for any answering corosync; a stuck one could hold the
    // worker forever, and the agent must still be able to stop.
    if (!m_thread->wait(QDeadlineTimer(5000))) {
        qCWarning(lcCorosync, "corosync does not answer: leaving its worker thread behind");
        (void)m_thread.release();
    }
}

ClusterView CorosyncMembership::view() const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->view;
}

CorosyncSnapshot CorosyncMembership::snapshot() const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->snapshot;
}

bool CorosyncMembership::ready() const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->ready;
}

} // namespace atalaia::cluster::corosync
