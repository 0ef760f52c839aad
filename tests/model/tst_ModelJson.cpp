// JSON of every model type against PVE-shaped fixtures (tests/model/data/<Type>.json,
// see the README there), plus typed checks: a round trip alone would not notice
// two fields read into each other's members, or a field left in `extra`.

#include "model/AclEntry.h"
#include "model/ApiToken.h"
#include "model/CephMonitor.h"
#include "model/CephOsd.h"
#include "model/CephPool.h"
#include "model/ClusterResource.h"
#include "model/Group.h"
#include "model/Guest.h"
#include "model/HaGroup.h"
#include "model/HaResource.h"
#include "model/HaRule.h"
#include "model/HaStatusEntry.h"
#include "model/JsonReader.h"
#include "model/Node.h"
#include "model/Realm.h"
#include "model/Role.h"
#include "model/Storage.h"
#include "model/Task.h"
#include "model/User.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QTest>

using namespace atalaia;
using namespace atalaia::model;
using namespace Qt::StringLiterals;

namespace {

// What a fixture row needs from a type, without knowing the type.
struct Decoded {
    QJsonObject json; // toJson() of the parsed value
    QStringList extraKeys; // keys the type left in `extra`
    bool stable = false; // fromJson(toJson(value)) == value
};

using Decoder = Result<Decoded> (*)(const QJsonObject &);

template <class T>
Result<Decoded> decode(const QJsonObject &json)
{
    Result<T> value = T::fromJson(json);
    if (!value)
        return std::unexpected(value.error());
    Decoded decoded{value->toJson(), value->extra.keys(), false};
    const Result<T> again = T::fromJson(decoded.json);
    decoded.stable = again && *again == *value;
    return decoded;
}

const QMap<QString, Decoder> &decoders()
{
    static const QMap<QString, Decoder> map{
        {u"AclEntry"_s, decode<AclEntry>},
        {u"ApiToken"_s, decode<ApiToken>},
        {u"CephMonitor"_s, decode<CephMonitor>},
        {u"CephOsd"_s, decode<CephOsd>},
        {u"CephPool"_s, decode<CephPool>},
        {u"ClusterResource"_s, decode<ClusterResource>},
        {u"Group"_s, decode<Group>},
        {u"Guest"_s, decode<Guest>},
        {u"HaGroup"_s, decode<HaGroup>},
        {u"HaResource"_s, decode<HaResource>},
        {u"HaRule"_s, decode<HaRule>},
        {u"HaStatusEntry"_s, decode<HaStatusEntry>},
        {u"Node"_s, decode<Node>},
        {u"Realm"_s, decode<Realm>},
        {u"Role"_s, decode<Role>},
        {u"Storage"_s, decode<Storage>},
        {u"Task"_s, decode<Task>},
        {u"User"_s, decode<User>},
    };
    return map;
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString fixturePath(const QString &type)
{
    return QStringLiteral(ATALAIA_MODEL_TEST_DATA "/") + type + u".json"_s;
}

// The whole fixture file of a type; an empty object if it cannot be read
// (fixturesCoverEveryType() reports that case).
QJsonObject loadFixtures(const QString &type)
{
    QFile file(fixturePath(type));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const Result<QJsonObject> object = JsonReader::parseObject(file.readAll());
    return object ? *object : QJsonObject();
}

// The "json" of one roundtrip sample, for the typed checks.
QJsonObject sample(const QString &type, const QString &name)
{
    const QJsonArray rows = loadFixtures(type).value("roundtrip"_L1).toArray();
    for (const QJsonValue row : rows)
        if (row["name"_L1].toString() == name)
            return row["json"_L1].toObject();
    qWarning("no roundtrip sample %s/%s", qPrintable(type), qPrintable(name));
    return {};
}

// The typed value of roundtrip sample `name` in <type>.json.
template <class T>
T parsed(const char *type, const QString &name)
{
    Result<T> value = T::fromJson(sample(QString::fromLatin1(type), name));
    if (!value)
        qWarning("%s", qPrintable(value.error().message));
    return value.value_or(T{});
}

std::optional<Code> codeFromName(const QString &name)
{
    static const QMap<QString, Code> codes{
        {u"ModelInvalidJson"_s, Code::ModelInvalidJson},
        {u"ModelInvalidUpid"_s, Code::ModelInvalidUpid},
        {u"ModelInvalidId"_s, Code::ModelInvalidId},
    };
    const auto it = codes.constFind(name);
    return it == codes.constEnd() ? std::nullopt : std::optional<Code>(*it);
}

// Adds one row per entry of `section` in every type's fixture file.
template <class AddRow>
void addFixtureRows(QLatin1StringView section, AddRow addRow)
{
    const QStringList types = decoders().keys();
    for (const QString &type : types) {
        const QJsonArray rows = loadFixtures(type).value(section).toArray();
        for (const QJsonValue row : rows)
            addRow(type, row.toObject());
    }
}

} // namespace

class tst_ModelJson : public QObject {
    Q_OBJECT

private slots:
    void fixturesCoverEveryType();
    void roundTrip_data();
    void roundTrip();
    void normalise_data();
    void normalise();
    void invalid_data();
    void invalid();

    void readsNodeGuestAndResourceFields();
    void readsStorageAndTaskFields();
    void readsAccessFields();
    void readsHaFields();
    void readsCephFields();
    void writesPveEncodings();
    void modelledFieldsWinOverExtra();
    void taskWritesUpidFields();
    void parseObjectReportsBadText();
};

void tst_ModelJson::fixturesCoverEveryType()
{
    const QStringList types = decoders().keys();
    for (const QString &type : types) {
        QVERIFY2(QFile::exists(fixturePath(type)), qPrintable(u"missing fixture "_s + fixturePath(type)));
        const QJsonObject fixtures = loadFixtures(type);
        QVERIFY2(!fixtures.value("roundtrip"_L1).toArray().isEmpty(), qPrintable(type + u": no roundtrip samples"_s));
        QVERIFY2(!fixtures.value("invalid"_L1).toArray().isEmpty(), qPrintable(type + u": no invalid samples"_s));
    }
    // And no fixture file for a type nobody tests.
    const QStringList files = QDir(QStringLiteral(ATALAIA_MODEL_TEST_DATA)).entryList({u"*.json"_s}, QDir::Files);
    for (const QString &file : files)
        QVERIFY2(types.contains(file.chopped(5)), qPrintable(u"fixture without a decoder: "_s + file));
}

void tst_ModelJson::roundTrip_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<QStringList>("extra");
    addFixtureRows("roundtrip"_L1, [](const QString &type, const QJsonObject &row) {
        QStringList extra;
        for (const QJsonValue key : row["extra"_L1].toArray())
            extra.append(key.toString());
        extra.sort();
        QTest::addRow("%s/%s", qPrintable(type), qPrintable(row["name"_L1].toString()))
            << type << row["json"_L1].toObject() << extra;
    });
}

void tst_ModelJson::roundTrip()
{
    QFETCH(QString, type);
    QFETCH(QJsonObject, json);
    QFETCH(QStringList, extra);

    const Result<Decoded> decoded = decoders().value(type)(json);
    QVERIFY2(decoded, qPrintable(decoded ? QString() : decoded.error().message));
    QCOMPARE(compact(decoded->json), compact(json));
    QStringList extraKeys = decoded->extraKeys;
    extraKeys.sort();
    QCOMPARE(extraKeys, extra);
    QVERIFY2(decoded->stable, "fromJson(toJson(value)) differs from value");
}

void tst_ModelJson::normalise_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QJsonObject>("input");
    QTest::addColumn<QJsonObject>("output");
    addFixtureRows("normalise"_L1, [](const QString &type, const QJsonObject &row) {
        QTest::addRow("%s/%s", qPrintable(type), qPrintable(row["name"_L1].toString()))
            << type << row["input"_L1].toObject() << row["output"_L1].toObject();
    });
}

void tst_ModelJson::normalise()
{
    QFETCH(QString, type);
    QFETCH(QJsonObject, input);
    QFETCH(QJsonObject, output);

    const Result<Decoded> decoded = decoders().value(type)(input);
    QVERIFY2(decoded, qPrintable(decoded ? QString() : decoded.error().message));
    QCOMPARE(compact(decoded->json), compact(output));
    // The canonical form is itself a fixed point.
    const Result<Decoded> again = decoders().value(type)(output);
    QVERIFY(again);
    QCOMPARE(compact(again->json), compact(output));
}

void tst_ModelJson::invalid_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QJsonObject>("input");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("error");
    addFixtureRows("invalid"_L1, [](const QString &type, const QJsonObject &row) {
        QTest::addRow("%s/%s", qPrintable(type), qPrintable(row["name"_L1].toString()))
            << type << row["input"_L1].toObject() << row["code"_L1].toString() << row["error"_L1].toString();
    });
}

void tst_ModelJson::invalid()
{
    QFETCH(QString, type);
    QFETCH(QJsonObject, input);
    QFETCH(QString, code);
    QFETCH(QString, error);

    const std::optional<Code> expectedCode = codeFromName(code);
    QVERIFY2(expectedCode, qPrintable(u"unknown code name in fixture: "_s + code));
    const Result<Decoded> decoded = decoders().value(type)(input);
    QVERIFY2(!decoded, qPrintable(u"accepted: "_s + QString::fromUtf8(compact(input))));
    QCOMPARE(int(decoded.error().code), int(*expectedCode));
    QVERIFY2(decoded.error().message.contains(error),
             qPrintable(u"message \""_s + decoded.error().message + u"\" lacks \""_s + error + u'"'));
    QCOMPARE(decoded.error().domain(), Domain::Model);
}


void tst_ModelJson::readsNodeGuestAndResourceFields()
{
    const Node node = parsed<Node>("Node", u"online"_s);
    QCOMPARE(node.node, NodeId::parse(u"pve1").value());
    QCOMPARE(node.status, u"online"_s);
    QCOMPARE(node.cpu, 0.0123);
    QCOMPARE(node.maxcpu, 8);
    QCOMPARE(node.maxmem, Q_INT64_C(33554432000));
    QCOMPARE(node.mem, Q_INT64_C(4294967296));
    QCOMPARE(node.uptime, 123456);
    QCOMPARE(node.level, u""_s);
    QVERIFY(node.sslFingerprint->startsWith(u"5C:D0:"));

    const Guest vm = parsed<Guest>("Guest", u"qemu-running"_s);
    QCOMPARE(vm.vmid, VmId::fromInt(100).value());
    QCOMPARE(vm.type, GuestType::Qemu);
    QCOMPARE(vm.name, u"web01"_s);
    QCOMPARE(vm.cpu, 0.0351);
    QCOMPARE(vm.cpus, 4.0);
    QCOMPARE(vm.mem, Q_INT64_C(2147483648));
    QCOMPARE(vm.maxmem, Q_INT64_C(4294967296));
    QCOMPARE(vm.memhost, Q_INT64_C(2300000000));
    QCOMPARE(vm.diskread, 1048576);
    QCOMPARE(vm.diskwrite, 2097152);
    QCOMPARE(vm.netin, 123456);
    QCOMPARE(vm.netout, 654321);
    QCOMPARE(vm.pid, 4242);
    QCOMPARE(vm.tags, u"prod;web"_s);
    QCOMPARE(vm.runningMachine, u"pc-i440fx-9.2+pve1"_s);
    QCOMPARE(vm.runningQemu, u"9.2.0"_s);
    QCOMPARE(vm.serial, false);
    QCOMPARE(vm.pressurecpusome, 0.12);
    QCOMPARE(vm.pressureiosome, 0.5);
    QCOMPARE(vm.pressureiofull, 0.25);
    QVERIFY(!vm.isTemplate);

    const Guest tpl = parsed<Guest>("Guest", u"qemu-template-stopped"_s);
    QCOMPARE(tpl.isTemplate, true);
    QCOMPARE(tpl.lock, u"create"_s);

    const Guest ct = parsed<Guest>("Guest", u"lxc-running"_s);
    QCOMPARE(ct.type, GuestType::Lxc);
    QCOMPARE(ct.maxswap, 536870912);
    QCOMPARE(ct.disk, 1073741824);
    QCOMPARE(ct.maxdisk, Q_INT64_C(8589934592));

    const ClusterResource qemu = parsed<ClusterResource>("ClusterResource", u"qemu"_s);
    QCOMPARE(qemu.type, ResourceType::Qemu);
    QCOMPARE(qemu.vmid, VmId::fromInt(100).value());
    QCOMPARE(qemu.node, NodeId::parse(u"pve1").value());
    QCOMPARE(qemu.maxcpu, 4.0);
    QCOMPARE(qemu.memhost, 1100000000);
    QCOMPARE(qemu.isTemplate, false);
    QCOMPARE(qemu.hastate, u"started"_s);
    QCOMPARE(qemu.pool, u"production"_s);
    QCOMPARE(qemu.lock, u"backup"_s);
    QCOMPARE(qemu.netin, 3);
    QCOMPARE(qemu.netout, 4);

    const ClusterResource storage = parsed<ClusterResource>("ClusterResource", u"storage"_s);
    QCOMPARE(storage.type, ResourceType::Storage);
    QCOMPARE(storage.content, QStringList({u"images"_s, u"rootdir"_s}));
    QCOMPARE(storage.shared, false);
    QCOMPARE(storage.plugintype, u"lvmthin"_s);
    QCOMPARE(storage.storage, u"local-lvm"_s);

    const ClusterResource host = parsed<ClusterResource>("ClusterResource", u"node"_s);
    QCOMPARE(host.cgroupMode, 2);
    QCOMPARE(host.level, u"c"_s);
    QVERIFY(!host.vmid);

    const ClusterResource sdn = parsed<ClusterResource>("ClusterResource", u"sdn-zone"_s);
    QCOMPARE(sdn.zoneType, u"simple"_s);
    const ClusterResource fabric = parsed<ClusterResource>("ClusterResource", u"network-fabric"_s);
    QCOMPARE(fabric.type, ResourceType::Network);
    QCOMPARE(fabric.networkType, u"fabric"_s);
    QCOMPARE(fabric.protocol, u"openfabric"_s);
}

void tst_ModelJson::readsStorageAndTaskFields()
{
    const Storage lvm = parsed<Storage>("Storage", u"node-status-lvmthin"_s);
    QCOMPARE(lvm.active, true);
    QCOMPARE(lvm.enabled, true);
    QCOMPARE(lvm.shared, false);
    QCOMPARE(lvm.total, Q_INT64_C(100000000000));
    QCOMPARE(lvm.used, Q_INT64_C(25000000000));
    QCOMPARE(lvm.avail, Q_INT64_C(75000000000));
    QCOMPARE(lvm.usedFraction, 0.25);

    const Storage rbd = parsed<Storage>("Storage", u"config-rbd-restricted-nodes"_s);
    QCOMPARE(rbd.nodes->size(), 3);
    QCOMPARE(rbd.nodes->at(2), NodeId::parse(u"pve3").value());
    QCOMPARE(rbd.pool, u"vm-pool"_s);
    QCOMPARE(rbd.monhost, u"10.0.0.1 10.0.0.2"_s);
    QCOMPARE(rbd.extra.value("krbd"_L1), QJsonValue(0));

    const Storage nfs = parsed<Storage>("Storage", u"config-nfs-disabled"_s);
    QCOMPARE(nfs.server, u"10.0.0.50"_s);
    QCOMPARE(nfs.exportPath, u"/export/pve"_s);
    QCOMPARE(nfs.path, u"/mnt/pve/nas"_s);
    QCOMPARE(nfs.disable, true);

    const Storage thin = parsed<Storage>("Storage", u"lvm-thinpool"_s);
    QCOMPARE(thin.vgname, u"pve"_s);
    QCOMPARE(thin.thinpool, u"data"_s);

    const Task task = parsed<Task>("Task", u"finished-ok"_s);
    QCOMPARE(task.upid.pid(), 662316u);
    QCOMPARE(task.upid.type(), u"qmstart"_s);
    QCOMPARE(task.endtime, 1732624885);
    QCOMPARE(task.status, u"OK"_s);
    QVERIFY(!task.exitstatus);

    const Task status = parsed<Task>("Task", u"status-call"_s);
    QCOMPARE(status.status, u"stopped"_s);
    QCOMPARE(status.exitstatus, u"OK"_s);
}

void tst_ModelJson::readsAccessFields()
{
    const User alice = parsed<User>("User", u"full-with-tokens"_s);
    QCOMPARE(alice.userid.realm().toString(), u"pve"_s);
    QCOMPARE(alice.enable, true);
    QCOMPARE(alice.expire, 0);
    QCOMPARE(alice.email, u"alice@example.com"_s);
    QCOMPARE(alice.firstname, u"Alice"_s);
    QCOMPARE(alice.lastname, u"Martins"_s);
    QCOMPARE(alice.groups, QStringList({u"admins"_s, u"ops"_s}));
    QCOMPARE(alice.realmType, u"pve"_s);
    QCOMPARE(alice.tfaLockedUntil, 1732700000);
    QCOMPARE(alice.totpLocked, false);
    QCOMPARE(alice.tokens->size(), 2);
    QCOMPARE(alice.tokens->at(0).comment, u"CI"_s);
    QCOMPARE(alice.tokens->at(0).privsep, true);
    QCOMPARE(alice.tokens->at(1).tokenid, u"monitoring"_s);
    QCOMPARE(alice.tokens->at(1).privsep, false);

    const User jane = parsed<User>("User", u"email-like-name-empty-tokens"_s);
    QCOMPARE(jane.userid.name().toString(), u"jane@example.com"_s);
    QCOMPARE(jane.groups, QStringList());
    QVERIFY(jane.tokens && jane.tokens->isEmpty()); // present but empty: still written as []

    const Group admins = parsed<Group>("Group", u"with-users"_s);
    QCOMPARE(admins.users->size(), 3);
    QCOMPARE(admins.users->at(2).realm().toString(), u"ldap"_s);
    QCOMPARE(admins.comment, u"Cluster admins"_s);

    const Role role = parsed<Role>("Role", u"builtin"_s);
    QCOMPARE(role.privs->size(), 7);
    QCOMPARE(role.privs->first(), u"Pool.Audit"_s);
    QCOMPARE(role.special, true);

    const AclEntry acl = parsed<AclEntry>("AclEntry", u"token"_s);
    QCOMPARE(acl.type, AclType::Token);
    QCOMPARE(acl.path, u"/storage/local"_s);
    QCOMPARE(acl.ugid, u"alice@pve!automation"_s);
    QCOMPARE(acl.roleid, u"PVEDatastoreUser"_s);
    QCOMPARE(acl.propagate, true);
    QCOMPARE(parsed<AclEntry>("AclEntry", u"group"_s).propagate, false);

    const Realm realm = parsed<Realm>("Realm", u"pve-with-tfa"_s);
    QCOMPARE(realm.type, u"pve"_s);
    QCOMPARE(realm.tfa, u"oath"_s);
}

void tst_ModelJson::readsHaFields()
{
    const HaGroup group = parsed<HaGroup>("HaGroup", u"prioritised"_s);
    QCOMPARE(group.nodes->size(), 3);
    QCOMPARE(group.nodes->at(0).node, NodeId::parse(u"pve1").value());
    QCOMPARE(group.nodes->at(0).priority, 2u);
    QCOMPARE(group.nodes->at(2).priority, std::nullopt);
    QCOMPARE(group.restricted, false);
    QCOMPARE(group.nofailback, false);
    QCOMPARE(parsed<HaGroup>("HaGroup", u"restricted"_s).restricted, true);

    const HaRule rule = parsed<HaRule>("HaRule", u"node-affinity"_s);
    QCOMPARE(rule.type, u"node-affinity"_s);
    QCOMPARE(rule.resources, QStringList({u"vm:100"_s, u"vm:101"_s}));
    QCOMPARE(rule.nodes->size(), 2);
    QCOMPARE(rule.strict, false);
    const HaRule apart = parsed<HaRule>("HaRule", u"resource-affinity"_s);
    QCOMPARE(apart.affinity, u"negative"_s);
    QCOMPARE(apart.disable, true);

    const HaResource resource = parsed<HaResource>("HaResource", u"full"_s);
    QCOMPARE(resource.type, u"vm"_s);
    QCOMPARE(resource.state, u"started"_s);
    QCOMPARE(resource.group, u"prefer-pve1"_s);
    QCOMPARE(resource.maxRestart, 1);
    QCOMPARE(resource.maxRelocate, 1);
    QCOMPARE(resource.failback, true);

    const HaStatusEntry service = parsed<HaStatusEntry>("HaStatusEntry", u"service"_s);
    QCOMPARE(service.type, HaStatusType::Service);
    QCOMPARE(service.sid, u"vm:100"_s);
    QCOMPARE(service.crmState, u"started"_s);
    QCOMPARE(service.requestState, u"started"_s);
    const HaStatusEntry fencing = parsed<HaStatusEntry>("HaStatusEntry", u"fencing"_s);
    QCOMPARE(fencing.type, HaStatusType::Fencing);
    QCOMPARE(fencing.armedState, u"armed"_s);
    QCOMPARE(fencing.resourceMode, u"freeze"_s);
    QCOMPARE(parsed<HaStatusEntry>("HaStatusEntry", u"quorum"_s).quorate, true);
    QCOMPARE(parsed<HaStatusEntry>("HaStatusEntry", u"lrm"_s).timestamp, 1732615201);
}

void tst_ModelJson::readsCephFields()
{
    const CephOsd root = parsed<CephOsd>("CephOsd", u"tree"_s);
    QCOMPARE(root.id, -1);
    QCOMPARE(root.type, u"root"_s);
    QCOMPARE(root.leaf, false);
    QCOMPARE(root.children.size(), 1);
    const CephOsd &host = root.children.at(0);
    QCOMPARE(host.name, u"pve1"_s);
    QCOMPARE(host.extra.value("version"_L1).toString(), u"19.2.1"_s);
    QCOMPARE(host.children.size(), 2);
    const CephOsd &up = host.children.at(0);
    QCOMPARE(up.in, true);
    QCOMPARE(up.status, u"up"_s);
    QCOMPARE(up.crushWeight, 0.87329);
    QCOMPARE(up.reweight, 1.0);
    QCOMPARE(up.deviceClass, u"ssd"_s);
    QCOMPARE(up.pgs, 129);
    QCOMPARE(up.totalSpace, Q_INT64_C(960193626112));
    QCOMPARE(up.bytesUsed, Q_INT64_C(104857600000));
    QCOMPARE(up.percentUsed, 10.92);
    QCOMPARE(up.commitLatencyMs, 2);
    QCOMPARE(up.cephVersionShort, u"19.2.1"_s);
    const CephOsd &down = host.children.at(1);
    QCOMPARE(down.in, false);
    QCOMPARE(down.blfsdev, u"/dev/dm-2"_s);
    QCOMPARE(down.dbdev, u"/dev/nvme0n1p1"_s);
    QCOMPARE(down.waldev, u"/dev/nvme0n1p2"_s);

    const CephMonitor mon = parsed<CephMonitor>("CephMonitor", u"running"_s);
    QCOMPARE(mon.host, u"pve1"_s);
    QCOMPARE(mon.addr, u"10.0.0.1"_s);
    QCOMPARE(mon.quorum, true);
    QCOMPARE(mon.rank, 0);
    QCOMPARE(mon.service, true);
    QCOMPARE(mon.direxists, true);
    QCOMPARE(mon.state, u"running"_s);

    const CephPool pool = parsed<CephPool>("CephPool", u"replicated"_s);
    QCOMPARE(pool.pool, 2);
    QCOMPARE(pool.poolName, u"vm-pool"_s);
    QCOMPARE(pool.size, 3);
    QCOMPARE(pool.minSize, 2);
    QCOMPARE(pool.pgNum, 128);
    QCOMPARE(pool.pgNumMin, 32);
    QCOMPARE(pool.pgNumFinal, 128);
    QCOMPARE(pool.pgAutoscaleMode, u"on"_s);
    QCOMPARE(pool.crushRuleName, u"replicated_rule"_s);
    QCOMPARE(pool.bytesUsed, Q_INT64_C(322122547200));
    QCOMPARE(pool.percentUsed, 0.0837);
    QCOMPARE(pool.targetSize, 0);
    QCOMPARE(pool.targetSizeRatio, 0.5);
    QVERIFY(pool.applicationMetadata->contains("rbd"_L1));
    QCOMPARE(pool.autoscaleStatus->value("bias"_L1).toInt(), 1);
}

void tst_ModelJson::writesPveEncodings()
{
    User user;
    user.userid = UserId::parse(u"alice@pve").value();
    user.enable = true;
    user.totpLocked = false;
    user.groups = QStringList{u"ops"_s, u"dev"_s};
    QCOMPARE(compact(user.toJson()),
             QByteArray(R"({"enable":1,"groups":"ops,dev","totp-locked":0,"userid":"alice@pve"})"));

    Guest vm;
    vm.vmid = VmId::fromInt(100).value();
    vm.status = u"stopped"_s;
    QCOMPARE(compact(vm.toJson()), QByteArray(R"({"status":"stopped","vmid":100})"));
    vm.type = GuestType::Lxc;
    QCOMPARE(compact(vm.toJson()), QByteArray(R"({"status":"stopped","type":"lxc","vmid":100})"));

    Group group;
    group.groupid = u"empty"_s;
    group.users = QList<UserId>{};
    QCOMPARE(compact(group.toJson()), QByteArray(R"({"groupid":"empty","users":""})"));

    HaGroup ha;
    ha.group = u"g"_s;
    ha.nodes = QList<HaNodePriority>{{NodeId::parse(u"pve1").value(), 2}, {NodeId::parse(u"pve2").value(), {}}};
    QCOMPARE(compact(ha.toJson()), QByteArray(R"({"group":"g","nodes":"pve1:2,pve2"})"));

    CephOsd leaf;
    leaf.name = u"osd.0"_s;
    leaf.type = u"osd"_s;
    QCOMPARE(compact(leaf.toJson()), QByteArray(R"({"id":0,"name":"osd.0","type":"osd"})"));
}

void tst_ModelJson::modelledFieldsWinOverExtra()
{
    Node node;
    node.node = NodeId::parse(u"pve1").value();
    node.status = u"online"_s;
    node.maxmem = 5;
    node.extra = QJsonObject{{"maxmem"_L1, u"stale"_s}, {"future"_L1, 1}};
    QCOMPARE(compact(node.toJson()), QByteArray(R"({"future":1,"maxmem":5,"node":"pve1","status":"online"})"));
}

void tst_ModelJson::taskWritesUpidFields()
{
    Task task;
    task.upid = Upid::parse(u"UPID:pve2:0001E240:1F2E3D4C:65A0B1C2:vzdump::automation@pve!ci:").value();
    task.status = u"OK"_s;
    QCOMPARE(compact(task.toJson()),
             QByteArray(R"({"id":"","node":"pve2","pid":123456,"pstart":523124044,"starttime":1705030082,)"
             R"("status":"OK","type":"vzdump","upid":"UPID:pve2:0001E240:1F2E3D4C:65A0B1C2:vzdump::automation@pve!ci:",)"
             R"("user":"automation@pve!ci"})"));
}

void tst_ModelJson::parseObjectReportsBadText()
{
    QCOMPARE(JsonReader::parseObject(R"({"a":1})").value(), QJsonObject({{"a"_L1, 1}}));

    const Result<QJsonObject> notObject = JsonReader::parseObject("[1]");
    QVERIFY(!notObject);
    QCOMPARE(notObject.error().code, Code::ModelInvalidJson);
    QCOMPARE(notObject.error().message, u"expected a JSON object"_s);

    const Result<QJsonObject> broken = JsonReader::parseObject("{\"a\":");
    QVERIFY(!broken);
    QVERIFY2(broken.error().message.startsWith(u"invalid JSON at offset"), qPrintable(broken.error().message));
}

QTEST_GUILESS_MAIN(tst_ModelJson)

#include "tst_ModelJson.moc"
