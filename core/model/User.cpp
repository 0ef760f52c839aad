#include "User.h"

#include "JsonReader.h"
#include "JsonWriter.h"

namespace atalaia::model {

using namespace Qt::StringLiterals;

constexpr auto describeUser = [](auto &io, auto &u) {
    io.field("userid"_L1, u.userid);
    io.field("comment"_L1, u.comment);
    io.field("email"_L1, u.email);
    io.field("enable"_L1, u.enable);
    io.field("expire"_L1, u.expire);
    io.field("firstname"_L1, u.firstname);
    io.field("lastname"_L1, u.lastname);
    io.list("groups"_L1, u.groups);
    io.field("keys"_L1, u.keys);
    io.field("realm-type"_L1, u.realmType);
    io.field("tfa-locked-until"_L1, u.tfaLockedUntil);
    io.field("totp-locked"_L1, u.totpLocked);
    io.array("tokens"_L1, u.tokens);
};

Result<User> User::fromJson(const QJsonObject &json)
{
    return JsonReader::read<User>(json, "User"_L1, describeUser);
}

QJsonObject User::toJson() const
{
    return JsonWriter::write(*this, describeUser);
}

} // namespace atalaia::model
