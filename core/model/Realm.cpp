#include "Realm.h"

#include "JsonReader.h"
#include "JsonWriter.h"

namespace atalaia::model {

using namespace Qt::StringLiterals;

constexpr auto describeRealm = [](auto &io, auto &r) {
    io.field("realm"_L1, r.realm);
    io.field("type"_L1, r.type);
    io.field("comment"_L1, r.comment);
    io.field("tfa"_L1, r.tfa);
};

Result<Realm> Realm::fromJson(const QJsonObject &json)
{
    return JsonReader::read<Realm>(json, "Realm"_L1, describeRealm);
}

QJsonObject Realm::toJson() const
{
    return JsonWriter::write(*this, describeRealm);
}

} // namespace atalaia::model
