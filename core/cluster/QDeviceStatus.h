#pragma once

#include "base/Error.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace atalaia::cluster {

// The node's corosync-qdevice, as GET /cluster/config/qdevice shows it: what
// `corosync-qdevice-tool -sv` prints, as Proxmox VE's API returns it (an object
// of "Key": "value" strings), or nothing when no qdevice runs on this node.
// Real: the tool (SystemQDeviceStatus); tests feed parse() captured output.
class QDeviceStatus
{
public:
    virtual ~QDeviceStatus() = default;

    // The tool's text; nullopt when no qdevice runs here (its socket is absent:
    // no QDevice configured, or corosync-qdevice not started); an error when the
    // socket is there but the tool fails. Blocks (a few seconds at most): call it
    // from a worker thread, as API handlers run.
    virtual Result<std::optional<QString>> statusText() const = 0;

    // corosync-qdevice-tool -s[v] output -> {"State": "Connected", "Algorithm":
    // "Fifty-Fifty split", "QNetd host": "10.77.0.250:5403", ...}: every line that
    // starts in column 0 and has the form "Key: value" with a value; section
    // titles, their underlines, list headers without a value ("Configured node
    // list:") and the indented list items are left out. The tool repeats a key in
    // two sections ("HB interval": votequorum's poll, then qnetd's heartbeat): the
    // later one wins, as in Proxmox's parser (a hash).
    static QJsonObject parse(const QString &text);
};

// The real one: `corosync-qdevice-tool -sv` when the qdevice's socket exists.
class SystemQDeviceStatus final : public QDeviceStatus
{
public:
    // corosync-qdevice's default IPC socket (corosync-qdevice(8)).
    static constexpr const char *kDefaultSocket = "/run/corosync-qdevice/corosync-qdevice.sock";

    explicit SystemQDeviceStatus(QString socketPath = QString::fromLatin1(kDefaultSocket),
                                 QString tool = QStringLiteral("corosync-qdevice-tool"));

    Result<std::optional<QString>> statusText() const override;

private:
    QString m_socketPath;
    QString m_tool;
};

} // namespace atalaia::cluster
