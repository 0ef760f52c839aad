#include "Storage.h"

#include "JsonReader.h"
#include "JsonWriter.h"

namespace atalaia::model {

using namespace Qt::StringLiterals;

constexpr auto describeStorage = [](auto &io, auto &s) {
    io.field("storage"_L1, s.storage);
    io.field("type"_L1, s.type);
    io.list("content"_L1, s.content);
    io.list("nodes"_L1, s.nodes);
    io.field("shared"_L1, s.shared);
    io.field("disable"_L1, s.disable);
    io.field("path"_L1, s.path);
    io.field("server"_L1, s.server);
    io.field("export"_L1, s.exportPath);
    io.field("pool"_L1, s.pool);
    io.field("vgname"_L1, s.vgname);
    io.field("thinpool"_L1, s.thinpool);
    io.field("monhost"_L1, s.monhost);
    io.field("digest"_L1, s.digest);
    io.field("active"_L1, s.active);
    io.field("enabled"_L1, s.enabled);
    io.field("total"_L1, s.total);
    io.field("used"_L1, s.used);
    io.field("avail"_L1, s.avail);
    io.field("used_fraction"_L1, s.usedFraction);
};

Result<Storage> Storage::fromJson(const QJsonObject &json)
{
    return JsonReader::read<Storage>(json, "Storage"_L1, describeStorage);
}

QJsonObject Storage::toJson() const
{
    return JsonWriter::write(*this, describeStorage);
}

} // namespace atalaia::model
