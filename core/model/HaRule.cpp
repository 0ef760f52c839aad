#include "HaRule.h"

#include "JsonReader.h"
#include "JsonWriter.h"

namespace atalaia::model {

using namespace Qt::StringLiterals;

constexpr auto describeHaRule = [](auto &io, auto &r) {
    io.field("rule"_L1, r.rule);
    io.field("type"_L1, r.type);
    io.list("resources"_L1, r.resources);
    io.list("nodes"_L1, r.nodes);
    io.field("strict"_L1, r.strict);
    io.field("affinity"_L1, r.affinity);
    io.field("disable"_L1, r.disable);
    io.field("comment"_L1, r.comment);
    io.field("digest"_L1, r.digest);
};

Result<HaRule> HaRule::fromJson(const QJsonObject &json)
{
    return JsonReader::read<HaRule>(json, "HaRule"_L1, describeHaRule);
}

QJsonObject HaRule::toJson() const
{
    return JsonWriter::write(*this, describeHaRule);
}

} // namespace atalaia::model
