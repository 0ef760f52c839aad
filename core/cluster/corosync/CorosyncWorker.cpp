#include "CorosyncWorker.h"

#include "CorosyncConnection.h"
#include "config/CorosyncConfigFile.h"

#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSocketNotifier>

namespace atalaia::cluster::corosync {

Q_LOGGING_CATEGORY(lcCorosync, "atalaia.cluster.corosync")

namespace {

// Polling period for corosync.conf's existence, reconnecting and knet's link
// states: a link or a corosync restart shows within about a second.
constexpr int kTickMs = 1000;
// corosync answers TRY_AGAIN while it forms a membership (tens of ms).
constexpr int kTryAgainMs = 200;

} // namespace

CorosyncWorker::CorosyncWorker(QString configPath, Sink sink, QObject *parent)
    : QObject(parent)
    , m_path(std::move(configPath))
    , m_sink(std::move(sink))
{
    m_tick.setInterval(kTickMs);
    connect(&m_tick, &QTimer::timeout, this, &CorosyncWorker::tick);
    m_soon.setSingleShot(true);
    connect(&m_soon, &QTimer::timeout, this, &CorosyncWorker::refresh);
}

CorosyncWorker::~CorosyncWorker()
{
    for (QSocketNotifier *n : m_notifiers)
        n->setEnabled(false);
}

void CorosyncWorker::start()
{
    tick();
    m_tick.start();
}

CorosyncSnapshot CorosyncWorker::readConfigFile(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return {};
    CorosyncSnapshot s;
    s.source = CorosyncSnapshot::Source::ConfigFile;
    if (!file.open(QIODevice::ReadOnly)) {
        s.problem = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return s;
    }
    return CorosyncSnapshot::fromConfigFile(config::CorosyncConfigFile::parse(file.readAll(), path));
}

CorosyncSnapshot CorosyncWorker::configFileSnapshot()
{
    const QFileInfo info(m_path);
    const QDateTime time = info.lastModified();
    if (!m_fileSnapshot || time != m_fileTime || info.size() != m_fileSize) {
        m_fileTime = time;
        m_fileSize = info.size();
        m_fileSnapshot = readConfigFile(m_path);
        if (!m_fileSnapshot->problem.isEmpty())
            qCWarning(lcCorosync, "%s; its nodes are not shown", qUtf8Printable(m_fileSnapshot->problem));
    }
    return *m_fileSnapshot;
}

void CorosyncWorker::tick()
{
    if (!QFileInfo::exists(m_path)) {
        if (m_connection)
            closeConnection(QStringLiteral("%1 was removed").arg(m_path));
        m_fileSnapshot.reset();
        publish({});
        return;
    }
    if (!m_connection) {
        QString why;
        m_connection = CorosyncConnection::open(&why);
        if (!m_connection) {
            if (why != m_lastProblem)
                qCInfo(lcCorosync, "corosync does not answer (%s); the nodes of %s are offline until it does "
                                   "(trying every second)", qUtf8Printable(why), qUtf8Printable(m_path));
            m_lastProblem = why;
            publish(configFileSnapshot());
            return;
        }
        m_lastProblem.clear();
        qCInfo(lcCorosync, "connected to corosync");
        for (int fd : m_connection->fds()) {
            auto *n = new QSocketNotifier(fd, QSocketNotifier::Read, this);
            connect(n, &QSocketNotifier::activated, this, &CorosyncWorker::onReadable);
            m_notifiers.push_back(n);
        }
    }
    refresh();
}

void CorosyncWorker::onReadable()
{
    if (!m_connection)
        return;
    const CorosyncConnection::Outcome o = m_connection->dispatch();
    if (o.status == CorosyncConnection::Status::Lost) {
        closeConnection(o.message);
        publish(configFileSnapshot());
        return;
    }
    // One read for a burst of notifications (a membership change brings
    // several, on three descriptors).
    m_soon.start(0);
}

void CorosyncWorker::refresh()
{
    if (!m_connection)
        return;
    CorosyncSnapshot s;
    const CorosyncConnection::Outcome o = m_connection->read(s);
    switch (o.status) {
    case CorosyncConnection::Status::Ok:
        publish(s);
        break;
    case CorosyncConnection::Status::TryAgain:
        if (!m_soon.isActive())
            m_soon.start(kTryAgainMs);
        break;
    case CorosyncConnection::Status::Lost:
        closeConnection(o.message);
        publish(configFileSnapshot());
        break;
    }
}

void CorosyncWorker::closeConnection(const QString &why)
{
    qCWarning(lcCorosync, "lost the connection to corosync (%s); reconnecting every second", qUtf8Printable(why));
    // The notifiers go first (their descriptors close with the connection),
    // later: this may run inside one of their signals.
    for (QSocketNotifier *n : m_notifiers) {
        n->setEnabled(false);
        n->deleteLater();
    }
    m_notifiers.clear();
    m_connection.reset();
    m_soon.stop();
    m_fileSnapshot.reset(); // the file may have changed with the restart: read it again
}

void CorosyncWorker::publish(const CorosyncSnapshot &snapshot)
{
    if (m_published && *m_published == snapshot)
        return;
    m_published = snapshot;
    m_sink(snapshot);
}

} // namespace atalaia::cluster::corosync
