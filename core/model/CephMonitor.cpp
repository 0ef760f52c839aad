#include "CephMonitor.h"

#include "JsonReader.h"
#include "JsonWriter.h"

namespace atalaia::model {

using namespace Qt::StringLiterals;

constexpr auto describeMonitor = [](auto &io, auto &m) {
    io.field("name"_L1, m.name);
    io.field("addr"_L1, m.addr);
    io.field("host"_L1, m.host);
    io.field("quorum"_L1, m.quorum);
    io.field("rank"_L1, m.rank);
    io.field("service"_L1, m.service);
    io.field("direxists"_L1, m.direxists);
    io.field("state"_L1, m.state);
    io.field("ceph_version"_L1, m.cephVersion);
    io.field("ceph_version_short"_L1, m.cephVersionShort);
};

Result<CephMonitor> CephMonitor::fromJson(const QJsonObject &json)
{
    return JsonReader::read<CephMonitor>(json, "CephMonitor"_L1, describeMonitor);
}

QJsonObject CephMonitor::toJson() const
{
    return JsonWriter::write(*this, describeMonitor);
}

} // namespace atalaia::model
