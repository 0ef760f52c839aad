#pragma once

#include "base/Error.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace atalaia::cluster {

// The node's corosync service, as creating and joining a cluster need it:
// its configuration files and its life cycle. Real: files under /etc/corosync
// and a service manager command (systemctl; the lab's own in tools/lab.d);
// fake: a directory and a log of what was asked (unit tests).
class CorosyncControl
{
public:
    virtual ~CorosyncControl() = default;

    // corosync.conf and authkey as installed now (empty when absent).
    virtual QByteArray installedConfig() const = 0;
    virtual QByteArray installedAuthkey() const = 0;
    // Writes corosync.conf (0644) and, when given, the authkey (0400), each
    // atomically (temporary file, rename); nothing changes on failure.
    virtual Result<void> install(const QByteArray &config, const QByteArray &authkey = {}) = 0;
    // Removes both files (leaving a cluster).
    virtual Result<void> uninstall() = 0;
    // Starts corosync, or restarts it when it runs.
    virtual Result<void> restart() = 0;
    virtual Result<void> stop() = 0;
    // Tells the running corosync to read corosync.conf again (corosync-cfgtool -R).
    virtual Result<void> reload() = 0;
    // corosync-quorumtool -e VOTES.
    virtual Result<void> setExpectedVotes(int votes) = 0;
};

// The real one. serviceCommand is run as `serviceCommand ACTION corosync`
// (ACTION: restart, stop), e.g. "systemctl".
class SystemCorosyncControl final : public CorosyncControl
{
public:
    SystemCorosyncControl(QString configDirectory, QStringList serviceCommand);

    QByteArray installedConfig() const override;
    QByteArray installedAuthkey() const override;
    Result<void> install(const QByteArray &config, const QByteArray &authkey) override;
    Result<void> uninstall() override;
    Result<void> restart() override;
    Result<void> stop() override;
    Result<void> reload() override;
    Result<void> setExpectedVotes(int votes) override;

private:
    Result<void> run(const QStringList &argv, int timeoutMs) const;

    QString m_directory;
    QStringList m_serviceCommand;
};

} // namespace atalaia::cluster
