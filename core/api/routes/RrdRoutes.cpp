#include "RouteSupport.h"
#include "Routes.h"
#include "Tr.h"
#include "api/Router.h"
#include "metrics/MetricsArchive.h"
#include "metrics/RrdLayout.h"
#include "virt/Hypervisor.h"

namespace atalaia::api {

namespace {

using metrics::SeriesKind;

bool guestKnown(const RequestContext &ctx, const QString &vmid)
{
    for (const model::ClusterResource &guest : ctx.services.hypervisor().guests())
        if (guest.vmid && QString::number(guest.vmid->value()) == vmid)
            return true;
    return false;
}

// GET .../rrddata: the series' rows for ?timeframe= and ?cf= (AVERAGE by
// default), as PVE::RRD::create_rrd_data returns them. Permissions
// (Sys.Audit on the node, VM.Audit on the guest) come from the schema.
Handler rrddata(SeriesKind kind)
{
    return [kind](RequestContext &ctx) {
        if (auto other = requireThisNode(ctx))
            return *other;
        const metrics::MetricsArchive *archive = ctx.services.metricsArchive();
        if (!archive)
            return ApiResponse::error(501, Tr::tr("this agent keeps no metrics"));
        // The schema's enums already refused anything else.
        const auto timeframe = metrics::RrdLayout::timeframeFromString(ctx.param(QStringLiteral("timeframe")));
        const auto cf = metrics::RrdLayout::consolidationFromString(
            ctx.has(QStringLiteral("cf")) ? ctx.param(QStringLiteral("cf")) : QStringLiteral("AVERAGE"));
        if (!timeframe || !cf)
            return ApiResponse::parameterErrors({{QStringLiteral("timeframe"), Tr::tr("value not allowed")}});
        const QString key = kind == SeriesKind::Node ? ctx.services.node().name
                                                     : QString::number(ctx.params.value(QLatin1String("vmid")).toInteger());
        const qint64 now = ctx.services.clock().nowSeconds();
        auto data = archive->fetch(kind, key, *timeframe, *cf, now);
        if (data)
            return ApiResponse::ok(data->toJson());
        if (data.error().code != Code::NotFound)
            return ApiResponse::error(500, QStringLiteral("RRD error: %1").arg(data.error().message));
        // Nothing sampled yet for this node or a guest it runs: the rows,
        // empty, rather than an error the console would have to special-case.
        if (kind == SeriesKind::Node || guestKnown(ctx, key))
            return ApiResponse::ok(metrics::RrdLayout::emptyData(kind, *timeframe, now).toJson());
        return ApiResponse::error(500, QStringLiteral("RRD error: %1").arg(data.error().message));
    };
}

} // namespace

void registerRrdRoutes(Router &router)
{
    router.add(QStringLiteral("GET"), QStringLiteral("/nodes/{node}/rrddata"), rrddata(SeriesKind::Node));
    router.add(QStringLiteral("GET"), QStringLiteral("/nodes/{node}/qemu/{vmid}/rrddata"), rrddata(SeriesKind::Guest));
    router.add(QStringLiteral("GET"), QStringLiteral("/nodes/{node}/lxc/{vmid}/rrddata"), rrddata(SeriesKind::Guest));
}

} // namespace atalaia::api
