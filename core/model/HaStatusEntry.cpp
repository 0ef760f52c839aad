#include "HaStatusEntry.h"

#include "JsonReader.h"
#include "JsonWriter.h"

namespace atalaia::model {

using namespace Qt::StringLiterals;

constexpr auto describeHaStatus = [](auto &io, auto &e) {
    io.field("id"_L1, e.id);
    io.field("type"_L1, e.type);
    io.field("node"_L1, e.node);
    io.field("status"_L1, e.status);
    io.field("quorate"_L1, e.quorate);
    io.field("timestamp"_L1, e.timestamp);
    io.field("sid"_L1, e.sid);
    io.field("state"_L1, e.state);
    io.field("crm_state"_L1, e.crmState);
    io.field("request_state"_L1, e.requestState);
    io.field("max_restart"_L1, e.maxRestart);
    io.field("max_relocate"_L1, e.maxRelocate);
    io.field("failback"_L1, e.failback);
    io.field("armed-state"_L1, e.armedState);
    io.field("resource_mode"_L1, e.resourceMode);
};

Result<HaStatusEntry> HaStatusEntry::fromJson(const QJsonObject &json)
{
    return JsonReader::read<HaStatusEntry>(json, "HaStatusEntry"_L1,
                                           describeHaStatus);
}

QJsonObject HaStatusEntry::toJson() const
{
    return JsonWriter::write(*this, describeHaStatus);
}

} // namespace atalaia::model
