#include "HaResource.h"

#include "JsonReader.h"
#include "JsonWriter.h"

namespace atalaia::model {

using namespace Qt::StringLiterals;

constexpr auto describeHaResource = [](auto &io, auto &r) {
    io.field("sid"_L1, r.sid);
    io.field("type"_L1, r.type);
    io.field("state"_L1, r.state);
    io.field("group"_L1, r.group);
    io.field("max_restart"_L1, r.maxRestart);
    io.field("max_relocate"_L1, r.maxRelocate);
    io.field("failback"_L1, r.failback);
    io.field("comment"_L1, r.comment);
    io.field("digest"_L1, r.digest);
};

Result<HaResource> HaResource::fromJson(const QJsonObject &json)
{
    return JsonReader::read<HaResource>(json, "HaResource"_L1, describeHaResource);
}

QJsonObject HaResource::toJson() const
{
    return JsonWriter::write(*this, describeHaResource);
}

} // namespace atalaia::model
