#include "Group.h"

#include "JsonReader.h"
#include "JsonWriter.h"

namespace atalaia::model {

using namespace Qt::StringLiterals;

constexpr auto describeGroup = [](auto &io, auto &g) {
    io.field("groupid"_L1, g.groupid);
    io.field("comment"_L1, g.comment);
    io.list("users"_L1, g.users);
};

Result<Group> Group::fromJson(const QJsonObject &json)
{
    return JsonReader::read<Group>(json, "Group"_L1, describeGroup);
}

QJsonObject Group::toJson() const
{
    return JsonWriter::write(*this, describeGroup);
}

} // namespace atalaia::model
