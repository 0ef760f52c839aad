#include "HaGroup.h"

#include "JsonReader.h"
#include "JsonWriter.h"

namespace atalaia::model {

using namespace Qt::StringLiterals;

constexpr auto describeHaGroup = [](auto &io, auto &g) {
    io.field("group"_L1, g.group);
    io.list("nodes"_L1, g.nodes);
    io.field("restricted"_L1, g.restricted);
    io.field("nofailback"_L1, g.nofailback);
    io.field("type"_L1, g.type);
    io.field("comment"_L1, g.comment);
    io.field("digest"_L1, g.digest);
};

Result<HaGroup> HaGroup::fromJson(const QJsonObject &json)
{
    return JsonReader::read<HaGroup>(json, "HaGroup"_L1, describeHaGroup);
}

QJsonObject HaGroup::toJson() const
{
    return JsonWriter::write(*this, describeHaGroup);
}

} // namespace atalaia::model
