#include "CephPool.h"

#include "JsonReader.h"
#include "JsonWriter.h"

namespace atalaia::model {

using namespace Qt::StringLiterals;

constexpr auto describePool = [](auto &io, auto &p) {
    io.field("pool"_L1, p.pool);
    io.field("pool_name"_L1, p.poolName);
    io.field("type"_L1, p.type);
    io.field("size"_L1, p.size);
    io.field("min_size"_L1, p.minSize);
    io.field("pg_num"_L1, p.pgNum);
    io.field("crush_rule"_L1, p.crushRule);
    io.field("crush_rule_name"_L1, p.crushRuleName);
    io.field("bytes_used"_L1, p.bytesUsed);
    io.field("percent_used"_L1, p.percentUsed);
    io.field("pg_num_min"_L1, p.pgNumMin);
    io.field("pg_num_final"_L1, p.pgNumFinal);
    io.field("pg_autoscale_mode"_L1, p.pgAutoscaleMode);
    io.field("target_size"_L1, p.targetSize);
    io.field("target_size_ratio"_L1, p.targetSizeRatio);
    io.field("application_metadata"_L1, p.applicationMetadata);
    io.field("autoscale_status"_L1, p.autoscaleStatus);
};

Result<CephPool> CephPool::fromJson(const QJsonObject &json)
{
    return JsonReader::read<CephPool>(json, "CephPool"_L1, describePool);
}

QJsonObject CephPool::toJson() const
{
    return JsonWriter::write(*this, describePool);
}

} // namespace atalaia::model
