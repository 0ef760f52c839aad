#include "Node.h"

#include "JsonReader.h"
#include "JsonWriter.h"

namespace atalaia::model {

using namespace Qt::StringLiterals;

constexpr auto describeNode = [](auto &io, auto &n) {
    io.field("node"_L1, n.node);
    io.field("status"_L1, n.status);
    io.field("cpu"_L1, n.cpu);
    io.field("level"_L1, n.level);
    io.field("maxcpu"_L1, n.maxcpu);
    io.field("maxmem"_L1, n.maxmem);
    io.field("mem"_L1, n.mem);
    io.field("ssl_fingerprint"_L1, n.sslFingerprint);
    io.field("uptime"_L1, n.uptime);
};

Result<Node> Node::fromJson(const QJsonObject &json)
{
    return JsonReader::read<Node>(json, "Node"_L1, describeNode);
}

QJsonObject Node::toJson() const
{
    return JsonWriter::write(*this, describeNode);
}

} // namespace atalaia::model
