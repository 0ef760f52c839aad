#pragma once

#include "HaStatusType.h"
#include "base/Error.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace atalaia::model {

// One entry of GET /cluster/ha/status/current. `id` is "quorum", "master",
// "lrm:<node>" or "service:<sid>"; `type` says which optional fields apply.
// `node` stays a plain string: PVE fills it from status files, not from a
// validated node name.
struct HaStatusEntry {
    QString id;
    HaStatusType type = HaStatusType::Quorum;
    QString node;
    QString status;
    std::optional<bool> quorate; // quorum
    std::optional<qint64> timestamp; // lrm, master
    std::optional<QString> sid; // service
    std::optional<QString> state; // service
    std::optional<QString> crmState; // service: "crm_state"
    std::optional<QString> requestState; // service: "request_state"
    std::optional<qint64> maxRestart; // service: "max_restart"
    std::optional<qint64> maxRelocate; // service: "max_relocate"
    std::optional<bool> failback; // service
    std::optional<QString> armedState; // fencing: "armed-state"
    std::optional<QString> resourceMode; // fencing: "resource_mode"
    QJsonObject extra;

    static Result<HaStatusEntry> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;

    friend bool operator==(const HaStatusEntry &, const HaStatusEntry &) = default;
};

} // namespace atalaia::model
