#include "RouteSupport.h"
#include "api/ClusterControl.h"
#include "tasks/TaskManager.h"
#include "tasks/TaskSpec.h"
#include "Routes.h"
#include "Tr.h"
#include "api/Router.h"
#include "cluster/Membership.h"
#include "cluster/QDeviceStatus.h"
#include "config/CorosyncConfigFile.h"
#include "store/ConfigStore.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSslCertificate>

#include <variant>

namespace atalaia::api {

namespace {

// pmxcfs keeps the cluster's corosync.conf here, and each node's certificate
// under nodes/<name>/ (as /etc/pve does).
const QString kCorosyncConf = QStringLiteral("corosync.conf");

struct Corosync {
    config::CorosyncConfigFile file;
    QString digest;
};

// The cluster's corosync.conf, or the answer for a node that is not in a cluster.
std::variant<Corosync, ApiResponse> readCorosync(const RequestContext &ctx)
{
    const auto stored = ctx.services.store().read(kCorosyncConf);
    if (!stored)
        return ApiResponse::error(400, Tr::tr("this node is not in a cluster (no corosync.conf): create one or join one"));
    auto digest = ctx.services.store().digest(kCorosyncConf);
    return Corosync{config::CorosyncConfigFile::parse(stored->data, kCorosyncConf), digest ? *digest : QString()};
}

QString certificateFingerprint(const RequestContext &ctx, const QString &node)
{
    if (node == ctx.services.node().name)
        return ctx.services.node().fingerprint;
    const auto pem = ctx.services.store().read(QStringLiteral("nodes/%1/pve-ssl.pem").arg(node));
    const QList<QSslCertificate> certs = pem ? QSslCertificate::fromData(pem->data) : QList<QSslCertificate>();
    if (certs.isEmpty())
        return {};
    return QString::fromLatin1(certs.first().digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

// One corosync.conf node as /cluster/config/nodes and /join list it.
QJsonObject nodeEntry(const config::CorosyncConfigFile::Node &n)
{
    QJsonObject o{{QStringLiteral("name"), n.name},
                  {QStringLiteral("node"), n.name},
                  {QStringLiteral("nodeid"), qint64(n.nodeid)},
                  {QStringLiteral("quorum_votes"), qint64(n.votes)}};
    for (auto it = n.ringAddrs.cbegin(); it != n.ringAddrs.cend(); ++it)
        o.insert(QStringLiteral("ring%1_addr").arg(it.key()), it.value());
    return o;
}

QJsonObject totemObject(const config::CorosyncConfigFile &file)
{
    QJsonObject totem;
    const auto *block = file.block("totem");
    if (!block)
        return totem;
    for (const auto &entry : block->entries)
        totem.insert(entry.keyString(), entry.valueString());
    QJsonArray interfaces;
    for (const int link : file.interfaceLinks())
        interfaces.append(QJsonObject{{QStringLiteral("linknumber"), QString::number(link)}});
    if (!interfaces.isEmpty()) {
        QJsonObject byLink;
        for (const QJsonValue &i : interfaces)
            byLink.insert(i.toObject().value(QLatin1String("linknumber")).toString(), i);
        totem.insert(QStringLiteral("interface"), byLink);
    }
    return totem;
}

// link0..link7 from the parameters.
ClusterControl::Links links(const RequestContext &ctx)
{
    ClusterControl::Links out;
    for (int n = 0; n <= config::CorosyncConfigFile::kMaxLink; ++n)
        if (const QString key = QStringLiteral("link%1").arg(n); ctx.has(key))
            out.insert(n, ctx.param(key));
    return out;
}

std::optional<quint32> optionalId(const RequestContext &ctx, const char *name)
{
    const QString key = QLatin1String(name);
    if (!ctx.has(key))
        return std::nullopt;
    return quint32(ctx.params.value(key).toInteger());
}

ApiResponse notOffered()
{
    return ApiResponse::error(501, Tr::tr("this agent cannot create or join clusters (no corosync backend)"));
}

// Starts WORK as a task of TYPE and answers with its UPID, as Proxmox does.
ApiResponse startTask(RequestContext &ctx, const QString &type, std::function<Result<void>(tasks::TaskContext &)> work)
{
    tasks::TaskSpec spec;
    spec.type = type;
    spec.user = ctx.identity.authId();
    spec.work = std::move(work);
    Result<model::Upid> upid = ctx.services.tasks().start(std::move(spec));
    if (!upid)
        return ApiResponse::fromError(upid.error());
    return ApiResponse::ok(upid->toString());
}

} // namespace

void registerClusterConfigRoutes(Router &router)
{
    router.add(QStringLiteral("GET"), QStringLiteral("/cluster/config/apiversion"), [](RequestContext &) {
        return ApiResponse::ok(1);
    });

    // pvecm create: a task, after the checks that can fail at once.
    router.add(QStringLiteral("POST"), QStringLiteral("/cluster/config"), [](RequestContext &ctx) {
        ClusterControl *control = ctx.services.clusterControl();
        if (!control)
            return notOffered();
        ClusterControl::CreateRequest request{ctx.param(QStringLiteral("clustername")), links(ctx),
                                              optionalId(ctx, "nodeid"), optionalId(ctx, "votes")};
        if (Result<void> ok = control->checkCreate(request); !ok)
            return ApiResponse::error(400, ok.error().message);
        return startTask(ctx, QStringLiteral("clustercreate"), [control, request](tasks::TaskContext &task) {
            return control->create(request, task);
        });
    });

    router.add(QStringLiteral("POST"), QStringLiteral("/cluster/config/join"), [](RequestContext &ctx) {
        ClusterControl *control = ctx.services.clusterControl();
        if (!control)
            return notOffered();
        ClusterControl::JoinRequest request{ctx.param(QStringLiteral("hostname")),
                                            ctx.param(QStringLiteral("fingerprint")),
                                            ctx.param(QStringLiteral("password")),
                                            links(ctx),
                                            optionalId(ctx, "nodeid"),
                                            optionalId(ctx, "votes"),
                                            ctx.params.value(QStringLiteral("force")).toBool()};
        if (Result<void> ok = control->checkJoin(request); !ok)
            return ApiResponse::error(400, ok.error().message);
        return startTask(ctx, QStringLiteral("clusterjoin"), [control, request](tasks::TaskContext &task) {
            return control->join(request, task);
        });
    });

    // Called by a joining node (as root@pam) on a cluster member.
    router.add(QStringLiteral("POST"), QStringLiteral("/cluster/config/nodes/{node}"), [](RequestContext &ctx) {
        ClusterControl *control = ctx.services.clusterControl();
        if (!control)
            return notOffered();
        Result<ClusterControl::AddNodeAnswer> answer = control->addNode(
            {ctx.param(QStringLiteral("node")), links(ctx), optionalId(ctx, "nodeid"), optionalId(ctx, "votes"),
             ctx.params.value(QStringLiteral("force")).toBool()});
        if (!answer)
            return answer.error().code == Code::ClusterJoinFailed ? ApiResponse::error(400, answer.error().message)
                                                                   : ApiResponse::fromError(answer.error());
        return ApiResponse::ok(QJsonObject{
            {QStringLiteral("corosync_conf"), QString::fromUtf8(answer->corosyncConf)},
            {QStringLiteral("corosync_authkey"), QString::fromLatin1(answer->corosyncAuthkey.toBase64())},
            {QStringLiteral("warnings"), QJsonArray::fromStringList(answer->warnings)}});
    });

    // Atalaia extensions (root only): what Proxmox does by editing
    // /etc/pve/corosync.conf by hand, and `pvecm expected`.
    router.addExtension(
        QStringLiteral("PUT"), QStringLiteral("/atalaia/cluster/links"),
        parameters({{"link",
                     {{QStringLiteral("type"), QStringLiteral("integer")},
                      {QStringLiteral("minimum"), 0},
                      {QStringLiteral("maximum"), config::CorosyncConfigFile::kMaxLink},
                      {QStringLiteral("description"), QStringLiteral("The corosync (knet) link number.")}}},
                    {"addresses",
                     {{QStringLiteral("type"), QStringLiteral("string")},
                      {QStringLiteral("maxLength"), 4096},
                      {QStringLiteral("description"),
                       QStringLiteral("NODE=ADDRESS pairs separated by commas or spaces; a new link needs every node.")}}}}),
        QJsonObject(), [](RequestContext &ctx) {
            ClusterControl *control = ctx.services.clusterControl();
            if (!control)
                return notOffered();
            QMap<QString, QString> addresses;
            for (const QString &pair : ctx.param(QStringLiteral("addresses")).split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts)) {
                const qsizetype eq = pair.indexOf(u'=');
                if (eq <= 0)
                    return ApiResponse::error(400, Tr::tr("addresses: '%1' is not NODE=ADDRESS").arg(pair));
                addresses.insert(pair.left(eq), pair.mid(eq + 1));
            }
            Result<quint64> version =
                control->setLinkAddresses(int(ctx.params.value(QStringLiteral("link")).toInteger()), addresses);
            if (!version)
                return version.error().code == Code::ClusterJoinFailed ? ApiResponse::error(400, version.error().message)
                                                                       : ApiResponse::fromError(version.error());
            return ApiResponse::ok(QJsonObject{{QStringLiteral("config_version"), qint64(*version)}});
        });
    router.addExtension(
        QStringLiteral("PUT"), QStringLiteral("/atalaia/cluster/expected"),
        parameters({{"expected",
                     {{QStringLiteral("type"), QStringLiteral("integer")},
                      {QStringLiteral("minimum"), 1},
                      {QStringLiteral("description"), QStringLiteral("The votes this node's corosync expects.")}}}}),
        QJsonObject(), [](RequestContext &ctx) {
            ClusterControl *control = ctx.services.clusterControl();
            if (!control)
                return notOffered();
            if (Result<void> ok = control->setExpectedVotes(int(ctx.params.value(QStringLiteral("expected")).toInteger())); !ok)
                return ok.error().code == Code::ClusterJoinFailed ? ApiResponse::error(400, ok.error().message)
                                                                   : ApiResponse::fromError(ok.error());
            return ApiResponse::ok(QJsonValue());
        });

    router.add(QStringLiteral("DELETE"), QStringLiteral("/cluster/config/nodes/{node}"), [](RequestContext &ctx) {
        ClusterControl *control = ctx.services.clusterControl();
        if (!control)
            return notOffered();
        if (Result<void> ok = control->removeNode(ctx.param(QStringLiteral("node"))); !ok)
            return ok.error().code == Code::ClusterJoinFailed ? ApiResponse::error(400, ok.error().message)
                                                               : ApiResponse::fromError(ok.error());
        return ApiResponse::ok(QJsonValue());
    });

    router.add(QStringLiteral("GET"), QStringLiteral("/cluster/config"), [](RequestContext &) {
        return directoryIndex({"apiversion", "join", "nodes", "qdevice", "totem"});
    });

    router.add(QStringLiteral("GET"), QStringLiteral("/cluster/config/nodes"), [](RequestContext &ctx) {
        auto corosync = readCorosync(ctx);
        if (auto *refusal = std::get_if<ApiResponse>(&corosync))
            return *refusal;
        QJsonArray out;
        for (const auto &n : std::get<Corosync>(corosync).file.nodes())
            out.append(nodeEntry(n));
        return ApiResponse::ok(out);
    });

    router.add(QStringLiteral("GET"), QStringLiteral("/cluster/config/totem"), [](RequestContext &ctx) {
        auto corosync = readCorosync(ctx);
        if (auto *refusal = std::get_if<ApiResponse>(&corosync))
            return *refusal;
        return ApiResponse::ok(totemObject(std::get<Corosync>(corosync).file));
    });

    // This node's corosync-qdevice as `corosync-qdevice-tool -sv` shows it, as
    // Proxmox answers (its status lines as "Key": "value"); {} when no qdevice
    // runs here. Read from the local daemon, not from the store: each node
    // answers for its own qdevice.
    router.add(QStringLiteral("GET"), QStringLiteral("/cluster/config/qdevice"), [](RequestContext &) {
        static const cluster::SystemQDeviceStatus qdevice;
        const Result<std::optional<QString>> text = qdevice.statusText();
        if (!text)
            return ApiResponse::fromError(text.error());
        return ApiResponse::ok(*text ? cluster::QDeviceStatus::parse(**text) : QJsonObject());
    });

    // What a joining node needs: every node with its API address and
    // certificate fingerprint, the totem settings, and this node as the one
    // to join through (Proxmox's "preferred_node").
    router.add(QStringLiteral("GET"), QStringLiteral("/cluster/config/join"), [](RequestContext &ctx) {
        auto corosync = readCorosync(ctx);
        if (auto *refusal = std::get_if<ApiResponse>(&corosync))
            return *refusal;
        const Corosync &c = std::get<Corosync>(corosync);
        const cluster::ClusterView view = ctx.services.membership().view();
        QJsonArray nodelist;
        for (const auto &n : c.file.nodes()) {
            QJsonObject entry = nodeEntry(n);
            entry.remove(QStringLiteral("node"));
            const cluster::MemberNode *member = view.node(n.name);
            entry.insert(QStringLiteral("pve_addr"), member && !member->address.isEmpty() ? member->address
                                                                                         : n.ringAddrs.value(0));
            if (const QString fp = certificateFingerprint(ctx, n.name); !fp.isEmpty())
                entry.insert(QStringLiteral("pve_fp"), fp);
            nodelist.append(entry);
        }
        return ApiResponse::ok(QJsonObject{{QStringLiteral("config_digest"), c.digest},
                                           {QStringLiteral("nodelist"), nodelist},
                                           {QStringLiteral("preferred_node"), ctx.services.node().name},
                                           {QStringLiteral("totem"), totemObject(c.file)}});
    });
}

} // namespace atalaia::api
