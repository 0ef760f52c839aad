#pragma once

#include "GuestType.h"
#include "VmId.h"
#include "base/Error.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace atalaia::model {

// One entry of GET /nodes/{node}/qemu or /nodes/{node}/lxc. PVE writes
// "type": "lxc" on containers and no type on VMs, so an entry without "type"
// is a VM and a VM is written without it.
struct Guest {
    VmId vmid;
    GuestType type = GuestType::Qemu;
    QString status; // running | stopped
    std::optional<QString> name;
    std::optional<double> cpu; // fraction of cpus, 0..1
    std::optional<double> cpus;
    std::optional<qint64> mem; // bytes
    std::optional<qint64> maxmem;
    std::optional<qint64> memhost; // qemu: memory as the host sees it
    std::optional<qint64> maxswap; // lxc
    std::optional<qint64> disk; // lxc: root disk usage
    std::optional<qint64> maxdisk;
    std::optional<qint64> diskread;
    std::optional<qint64> diskwrite;
    std::optional<qint64> netin;
    std::optional<qint64> netout;
    std::optional<qint64> uptime; // seconds
    std::optional<qint64> pid; // qemu: the QEMU process
    std::optional<QString> lock;
    std::optional<QString> tags; // ';'-separated, as configured
    std::optional<bool> isTemplate; // "template"
    std::optional<QString> qmpstatus; // qemu
    std::optional<QString> runningMachine; // qemu: "running-machine"
    std::optional<QString> runningQemu; // qemu: "running-qemu"
    std::optional<bool> serial; // qemu
    std::optional<double> pressurecpusome;
    std::optional<double> pressurecpufull;
    std::optional<double> pressureiosome;
    std::optional<double> pressureiofull;
    std::optional<double> pressurememorysome;
    std::optional<double> pressurememoryfull;
    QJsonObject extra;

    static Result<Guest> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;

    friend bool operator==(const Guest &, const Guest &) = default;
};

} // namespace atalaia::model
