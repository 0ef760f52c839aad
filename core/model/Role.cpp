#include "Role.h"

#include "JsonReader.h"
#include "JsonWriter.h"

namespace atalaia::model {

using namespace Qt::StringLiterals;

constexpr auto describeRole = [](auto &io, auto &r) {
    io.field("roleid"_L1, r.roleid);
    io.list("privs"_L1, r.privs);
    io.field("special"_L1, r.special);
};

Result<Role> Role::fromJson(const QJsonObject &json)
{
    return JsonReader::read<Role>(json, "Role"_L1, describeRole);
}

QJsonObject Role::toJson() const
{
    return JsonWriter::write(*this, describeRole);
}

} // namespace atalaia::model
