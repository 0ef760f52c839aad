#include "CephOsd.h"

#include "JsonReader.h"
#include "JsonWriter.h"

namespace atalaia::model {

using namespace Qt::StringLiterals;

constexpr auto describeOsd = [](auto &io, auto &o) {
    io.field("id"_L1, o.id);
    io.field("name"_L1, o.name);
    io.field("type"_L1, o.type);
    io.field("status"_L1, o.status);
    io.field("in"_L1, o.in);
    io.field("crush_weight"_L1, o.crushWeight);
    io.field("reweight"_L1, o.reweight);
    io.field("device_class"_L1, o.deviceClass);
    io.field("pgs"_L1, o.pgs);
    io.field("total_space"_L1, o.totalSpace);
    io.field("bytes_used"_L1, o.bytesUsed);
    io.field("percent_used"_L1, o.percentUsed);
    io.field("commit_latency_ms"_L1, o.commitLatencyMs);
    io.field("apply_latency_ms"_L1, o.applyLatencyMs);
    io.field("osdtype"_L1, o.osdtype);
    io.field("blfsdev"_L1, o.blfsdev);
    io.field("dbdev"_L1, o.dbdev);
    io.field("waldev"_L1, o.waldev);
    io.field("ceph_version"_L1, o.cephVersion);
    io.field("ceph_version_short"_L1, o.cephVersionShort);
    io.field("host"_L1, o.host);
    io.field("leaf"_L1, o.leaf);
    io.array("children"_L1, o.children);
};

Result<CephOsd> CephOsd::fromJson(const QJsonObject &json)
{
    return JsonReader::read<CephOsd>(json, "CephOsd"_L1, describeOsd);
}

QJsonObject CephOsd::toJson() const
{
    return JsonWriter::write(*this, describeOsd);
}

} // namespace atalaia::model
