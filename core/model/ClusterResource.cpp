#include "ClusterResource.h"

#include "JsonReader.h"
#include "JsonWriter.h"

namespace atalaia::model {

using namespace Qt::StringLiterals;

constexpr auto describeResource = [](auto &io, auto &r) {
    io.field("id"_L1, r.id);
    io.field("type"_L1, r.type);
    io.field("status"_L1, r.status);
    io.field("node"_L1, r.node);
    io.field("vmid"_L1, r.vmid);
    io.field("name"_L1, r.name);
    io.field("cpu"_L1, r.cpu);
    io.field("maxcpu"_L1, r.maxcpu);
    io.field("mem"_L1, r.mem);
    io.field("maxmem"_L1, r.maxmem);
    io.field("memhost"_L1, r.memhost);
    io.field("disk"_L1, r.disk);
    io.field("maxdisk"_L1, r.maxdisk);
    io.field("uptime"_L1, r.uptime);
    io.field("netin"_L1, r.netin);
    io.field("netout"_L1, r.netout);
    io.field("diskread"_L1, r.diskread);
    io.field("diskwrite"_L1, r.diskwrite);
    io.field("template"_L1, r.isTemplate);
    io.field("hastate"_L1, r.hastate);
    io.field("pool"_L1, r.pool);
    io.field("tags"_L1, r.tags);
    io.field("lock"_L1, r.lock);
    io.field("storage"_L1, r.storage);
    io.field("plugintype"_L1, r.plugintype);
    io.list("content"_L1, r.content);
    io.field("shared"_L1, r.shared);
    io.field("level"_L1, r.level);
    io.field("cgroup-mode"_L1, r.cgroupMode);
    io.field("sdn"_L1, r.sdn);
    io.field("zone-type"_L1, r.zoneType);
    io.field("network"_L1, r.network);
    io.field("network-type"_L1, r.networkType);
    io.field("protocol"_L1, r.protocol);
};

Result<ClusterResource> ClusterResource::fromJson(const QJsonObject &json)
{
    return JsonReader::read<ClusterResource>(json, "ClusterResource"_L1,
                                             describeResource);
}

QJsonObject ClusterResource::toJson() const
{
    return JsonWriter::write(*this, describeResource);
}

} // namespace atalaia::model
