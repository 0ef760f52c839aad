// ResourceTreeModel: tree shape in each view, column and role values, and the
// exact signals each kind of refresh emits (a refresh must be a diff, never a
// reset, so views keep selection and expansion). Every model is watched by
// QAbstractItemModelTester; signals are recorded by ModelSignalLog.

#include "ModelSignalLog.h"
#include "ResourceFixture.h"
#include "TreeDump.h"
#include "models/ResourceIcons.h"
#include "models/ResourceTreeModel.h"

#include <QAbstractItemModelTester>
#include <QImage>
#include <QPersistentModelIndex>
#include <QSignalSpy>
#include <QTest>

using namespace atalaia;
using namespace atalaia::model;
using namespace atalaia::ui;
using namespace Qt::StringLiterals;

using View = ResourceTreeModel::View;

namespace {

const QString kLab = u"lab"_s;

// The fixture as the by-node view shows it.
const QStringList kLabByNode{
    u"Lab"_s,
    u"  pve1"_s,
    u"    100 (web01)"_s,
    u"    101 (web02)"_s,
    u"    102 (dns01)"_s,
    u"    9000 (tpl-debian)"_s,
    u"    cephfs"_s,
    u"    local"_s,
    u"    local-lvm"_s,
    u"  pve2"_s,
    u"    110 (db01)"_s,
    u"    111 (build)"_s,
    u"    112 (legacy)"_s,
    u"    local"_s,
    u"  pve10"_s,
    u"    200 (backup-ct)"_s,
    u"    local"_s,
};

// A model with the lab cluster loaded, under test by QAbstractItemModelTester
// from before the first row exists, and a signal log started after the load.
struct Loaded {
    explicit Loaded(View view = View::ByNode)
    {
        model.setView(view);
        model.addCluster(kLab, u"Lab"_s);
        model.applyResources(kLab, snapshot);
        log.take();
    }

    ResourceTreeModel model;
    QAbstractItemModelTester tester{&model, QAbstractItemModelTester::FailureReportingMode::QtTest};
    ModelSignalLog log{&model};
    QList<ClusterResource> snapshot = ResourceFixture::load();
};

} // namespace

class tst_ResourceTreeModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void initialLoadIsOneInsert();
    void headers();
    void values_data();
    void values();
    void resourceRole();
    void icons();

    void identicalSnapshotIsSilent();
    void changeSignals_data();
    void changeSignals();
    void neighbouringChangesCoalesce();
    void guestsAppear_data();
    void guestsAppear();
    void guestsDisappear_data();
    void guestsDisappear();
    void migrationMovesRow();
    void nodeDisappearsWithSubtree();
    void nodeEntryGoesButGuestsStay();
    void nodeKnownFirstFromItsGuests();
    void emptySnapshotClearsCluster();
    void applyChangesDeltas();
    void refreshesNeverReset();

    void views_data();
    void views();
    void tagViewFollowsTagChanges();
    void poolViewMovesGuests();

    void clustersSideBySide();
    void setViewAndResetResourcesReset();
};

void tst_ResourceTreeModel::initTestCase()
{
    // Sizes and percentages are localised: pin the locale the expectations use.
    QLocale::setDefault(QLocale::c());
}

void tst_ResourceTreeModel::initialLoadIsOneInsert()
{
    ResourceTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ModelSignalLog log(&model);
    model.addCluster(kLab, u"Lab"_s);
    QCOMPARE(log.take(), QStringList{u"insert  0-0"_s});
    model.applyResources(kLab, ResourceFixture::load());
    // Groups are built whole, then inserted as one range under the datacenter.
    QCOMPARE(log.take(), QStringList{u"insert Lab 0-2"_s});
    QCOMPARE(TreeDump::lines(model), kLabByNode);
    QCOMPARE(model.resourceCount(kLab), 18);
}

void tst_ResourceTreeModel::headers()
{
    ResourceTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QStringList labels;
    for (int column = 0; column < model.columnCount(); ++column)
        labels << model.headerData(column, Qt::Horizontal).toString();
    QCOMPARE(labels, (QStringList{u"Name"_s, u"Type"_s, u"Status"_s, u"Node"_s, u"CPU"_s, u"Memory"_s, u"Uptime"_s,
                                  u"Tags"_s}));
}

void tst_ResourceTreeModel::values_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("role");
    QTest::addColumn<QVariant>("expected");

    using M = ResourceTreeModel;
    const auto row = [](const char *name, const QString &id, int column, int role, const QVariant &expected) {
        QTest::newRow(name) << id << column << role << expected;
    };
    row("guest name", u"qemu/100"_s, M::NameColumn, Qt::DisplayRole, u"100 (web01)"_s);
    row("guest type", u"qemu/100"_s, M::TypeColumn, Qt::DisplayRole, u"Virtual machine"_s);
    row("container type", u"lxc/102"_s, M::TypeColumn, Qt::DisplayRole, u"Container"_s);
    row("template type", u"qemu/9000"_s, M::TypeColumn, Qt::DisplayRole, u"VM template"_s);
    row("status", u"qemu/100"_s, M::StatusColumn, Qt::DisplayRole, u"running"_s);
    row("locked status", u"qemu/110"_s, M::StatusColumn, Qt::DisplayRole, u"running (locked: backup)"_s);
    row("node", u"qemu/110"_s, M::NodeColumn, Qt::DisplayRole, u"pve2"_s);
    row("cpu", u"qemu/101"_s, M::CpuColumn, Qt::DisplayRole, u"50.0 %"_s);
    row("cpu tooltip", u"qemu/101"_s, M::CpuColumn, Qt::ToolTipRole, u"50.0 % of 4 CPU(s)"_s);
    row("no cpu when stopped", u"qemu/111"_s, M::CpuColumn, Qt::DisplayRole, QString());
    row("memory", u"qemu/100"_s, M::MemoryColumn, Qt::DisplayRole, u"1.00 GiB of 4.00 GiB"_s);
    row("memory tooltip", u"qemu/100"_s, M::MemoryColumn, Qt::ToolTipRole, u"1.00 GiB of 4.00 GiB (25.0 %)"_s);
    row("uptime seconds", u"qemu/112"_s, M::UptimeColumn, Qt::DisplayRole, u"50 s"_s);
    row("uptime hours", u"qemu/101"_s, M::UptimeColumn, Qt::DisplayRole, u"2 h 0 min"_s);
    row("uptime days", u"lxc/102"_s, M::UptimeColumn, Qt::DisplayRole, u"2 d 7 h"_s);
    row("tags", u"qemu/100"_s, M::TagsColumn, Qt::DisplayRole, u"prod, web"_s);
    row("storage name", u"storage/pve1/local-lvm"_s, M::NameColumn, Qt::DisplayRole, u"local-lvm"_s);
    row("storage tooltip", u"storage/pve1/local"_s, M::NameColumn, Qt::ToolTipRole,
        u"Storage: local\nUsed: 10.00 GiB of 100.00 GiB\nStorage type: dir"_s);
    row("guest tooltip", u"qemu/100"_s, M::NameColumn, Qt::ToolTipRole,
        u"Virtual machine: 100 (web01)\nPool: production\nHA: started"_s);
    row("node name", u"node/pve2"_s, M::NameColumn, Qt::DisplayRole, u"pve2"_s);
    row("node status", u"node/pve10"_s, M::StatusColumn, Qt::DisplayRole, u"offline"_s);
    row("id role", u"qemu/100"_s, M::TagsColumn, M::ResourceIdRole, u"qemu/100"_s);
    row("type role", u"lxc/102"_s, M::NameColumn, M::TypeRole, u"lxc"_s);
    row("cluster role", u"lxc/102"_s, M::StatusColumn, M::ClusterIdRole, kLab);
    row("node role", u"qemu/110"_s, M::NameColumn, M::NodeRole, u"pve2"_s);
    row("vmid role", u"qemu/110"_s, M::NameColumn, M::VmidRole, QVariant(110u));
    row("status role", u"qemu/112"_s, M::NameColumn, M::StatusRole, u"paused"_s);
    row("sort cpu", u"qemu/101"_s, M::CpuColumn, M::SortRole, 0.5);
    row("sort memory", u"qemu/100"_s, M::MemoryColumn, M::SortRole, qint64(1073741824));
    row("sort uptime", u"qemu/100"_s, M::UptimeColumn, M::SortRole, qint64(100));
    row("sort missing cpu", u"qemu/111"_s, M::CpuColumn, M::SortRole, -1.0);
    row("sort name", u"qemu/110"_s, M::NameColumn, M::SortRole, u"0:0000000110"_s);
    row("row kind", u"storage/pve1/local"_s, M::NameColumn, M::RowKindRole,
        QVariant::fromValue(M::RowKind::Storage));
}

void tst_ResourceTreeModel::values()
{
    QFETCH(QString, id);
    QFETCH(int, column);
    QFETCH(int, role);
    QFETCH(QVariant, expected);
    Loaded t;
    const QModelIndex index = t.model.indexOf(kLab, id, column);
    QVERIFY(index.isValid());
    QCOMPARE(index.data(role), expected);
}

void tst_ResourceTreeModel::resourceRole()
{
    Loaded t;
    const QVariant value = t.model.indexOf(kLab, u"qemu/110"_s).data(ResourceTreeModel::ResourceRole);
    QVERIFY(value.canConvert<ClusterResource>());
    QCOMPARE(value.value<ClusterResource>(), ResourceFixture::find(t.snapshot, u"qemu/110"_s));
    QCOMPARE(t.model.resource(kLab, u"qemu/110"_s), ResourceFixture::find(t.snapshot, u"qemu/110"_s));
    QCOMPARE(t.model.resource(kLab, u"qemu/999"_s), std::nullopt);
}

void tst_ResourceTreeModel::icons()
{
    // Every bundled icon renders (offscreen, without the SVG icon plugin).
    for (int i = 0; i < ResourceIcons::kIconCount; ++i) {
        const auto which = ResourceIcons::Icon(i);
        const QIcon icon = ResourceIcons::bundledIcon(which);
        QVERIFY2(!icon.isNull(), qPrintable(ResourceIcons::bundledPath(which)));
        for (int size : {16, 32}) {
            const QImage image = icon.pixmap(size, size).toImage();
            QCOMPARE(image.size(), QSize(size, size));
            bool painted = false;
            for (int y = 0; y < size && !painted; ++y)
                for (int x = 0; x < size && !painted; ++x)
                    painted = qAlpha(image.pixel(x, y)) > 0;
            QVERIFY2(painted, qPrintable(ResourceIcons::bundledPath(which)));
        }
    }
    // The decoration tells states apart.
    Loaded t;
    const auto key = [&](const QString &id) {
        return t.model.indexOf(kLab, id).data(Qt::DecorationRole).value<QIcon>().cacheKey();
    };
    QCOMPARE(key(u"qemu/100"_s), key(u"qemu/101"_s)); // both running VMs
    QVERIFY(key(u"qemu/100"_s) != key(u"qemu/111"_s)); // running vs stopped
    QVERIFY(key(u"qemu/111"_s) != key(u"qemu/112"_s)); // stopped vs paused
    QVERIFY(key(u"qemu/111"_s) != key(u"qemu/9000"_s)); // stopped vs template
    QVERIFY(key(u"lxc/102"_s) != key(u"lxc/200"_s)); // container running vs stopped
    QVERIFY(key(u"node/pve1"_s) != key(u"node/pve10"_s)); // online vs offline
    QVERIFY(!t.model.clusterIndex(kLab).data(Qt::DecorationRole).value<QIcon>().isNull());
}

void tst_ResourceTreeModel::identicalSnapshotIsSilent()
{
    Loaded t;
    t.model.applyResources(kLab, ResourceFixture::load());
    QCOMPARE(t.log.take(), QStringList());
    QCOMPARE(TreeDump::lines(t.model), kLabByNode);
}

void tst_ResourceTreeModel::changeSignals_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<std::function<void(ClusterResource &)>>("change");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("status: name icon and status column")
        << u"qemu/101"_s << std::function<void(ClusterResource &)>([](ClusterResource &r) { r.status = u"stopped"_s; })
        << QStringList{u"data Lab/pve1 1-1 cols 0-2 Display,Decoration,ToolTip,Sort,Status,Resource"_s};
    QTest::newRow("cpu: cpu column only")
        << u"qemu/100"_s << std::function<void(ClusterResource &)>([](ClusterResource &r) { r.cpu = 0.75; })
        << QStringList{u"data Lab/pve1 0-0 cols 4-4 Display,ToolTip,Sort,Resource"_s};
    QTest::newRow("cpu and memory: one range")
        << u"qemu/110"_s << std::function<void(ClusterResource &)>([](ClusterResource &r) {
               r.cpu = 0.9;
               r.mem = 1;
           })
        << QStringList{u"data Lab/pve2 0-0 cols 4-5 Display,ToolTip,Sort,Resource"_s};
    QTest::newRow("uptime")
        << u"lxc/102"_s << std::function<void(ClusterResource &)>([](ClusterResource &r) { *r.uptime += 10; })
        << QStringList{u"data Lab/pve1 2-2 cols 6-6 Display,ToolTip,Sort,Resource"_s};
    QTest::newRow("tags in the by-node view: tags column only")
        << u"qemu/100"_s
        << std::function<void(ClusterResource &)>([](ClusterResource &r) { r.tags = u"prod"_s; })
        << QStringList{u"data Lab/pve1 0-0 cols 7-7 Display,ToolTip,Sort,Resource"_s};
    QTest::newRow("I/O counter: no column, the resource role only")
        << u"qemu/100"_s << std::function<void(ClusterResource &)>([](ClusterResource &r) { r.netin = 5000; })
        << QStringList{u"data Lab/pve1 0-0 cols 0-0 Resource"_s};
    QTest::newRow("node status: the node row under the datacenter")
        << u"node/pve2"_s << std::function<void(ClusterResource &)>([](ClusterResource &r) { r.status = u"offline"_s; })
        << QStringList{u"data Lab 1-1 cols 0-2 Display,Decoration,ToolTip,Sort,Status,Resource"_s};
    QTest::newRow("storage usage: its tool tip")
        << u"storage/pve1/cephfs"_s
        << std::function<void(ClusterResource &)>([](ClusterResource &r) { r.disk = 1; })
        << QStringList{u"data Lab/pve1 4-4 cols 0-0 Display,ToolTip,Sort,Resource"_s};
}

void tst_ResourceTreeModel::changeSignals()
{
    QFETCH(QString, id);
    QFETCH(std::function<void(ClusterResource &)>, change);
    QFETCH(QStringList, expected);
    Loaded t;
    change(ResourceFixture::find(t.snapshot, id));
    t.model.applyResources(kLab, t.snapshot);
    QCOMPARE(t.log.take(), expected);
    QCOMPARE(t.model.indexOf(kLab, id).data(ResourceTreeModel::ResourceRole).value<ClusterResource>(),
             ResourceFixture::find(t.snapshot, id));
}

void tst_ResourceTreeModel::neighbouringChangesCoalesce()
{
    Loaded t;
    ResourceFixture::find(t.snapshot, u"qemu/100"_s).cpu = 0.3;
    ResourceFixture::find(t.snapshot, u"qemu/101"_s).mem = 3;
    ResourceFixture::find(t.snapshot, u"lxc/102"_s).cpu = 0.3;
    ResourceFixture::find(t.snapshot, u"storage/pve1/local"_s).disk = 2; // row 5: not next to 2
    ResourceFixture::find(t.snapshot, u"qemu/112"_s).cpu = 0.3; // another parent
    t.model.applyResources(kLab, t.snapshot);
    QCOMPARE(t.log.take(), (QStringList{
                               u"data Lab/pve1 0-2 cols 4-5 Display,ToolTip,Sort,Resource"_s,
                               u"data Lab/pve1 5-5 cols 0-0 Display,ToolTip,Sort,Resource"_s,
                               u"data Lab/pve2 2-2 cols 4-4 Display,ToolTip,Sort,Resource"_s,
                           }));
}

void tst_ResourceTreeModel::guestsAppear_data()
{
    QTest::addColumn<QList<ClusterResource>>("added");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("one guest")
        << QList<ClusterResource>{ResourceFixture::guest(u"qemu"_s, 103, u"pve1"_s, u"web03"_s)}
        << QStringList{u"insert Lab/pve1 3-3"_s};
    QTest::newRow("two neighbours: one range")
        << QList<ClusterResource>{ResourceFixture::guest(u"qemu"_s, 104, u"pve1"_s, u"b"_s),
                                  ResourceFixture::guest(u"lxc"_s, 103, u"pve1"_s, u"a"_s)}
        << QStringList{u"insert Lab/pve1 3-4"_s};
    QTest::newRow("apart: last range first")
        << QList<ClusterResource>{ResourceFixture::guest(u"qemu"_s, 99999, u"pve1"_s, u"last"_s),
                                  ResourceFixture::guest(u"qemu"_s, 103, u"pve1"_s, u"a"_s)}
        << QStringList{u"insert Lab/pve1 4-4"_s, u"insert Lab/pve1 3-3"_s};
    QTest::newRow("two nodes")
        << QList<ClusterResource>{ResourceFixture::guest(u"qemu"_s, 113, u"pve2"_s, u"b"_s),
                                  ResourceFixture::guest(u"qemu"_s, 103, u"pve1"_s, u"a"_s)}
        << QStringList{u"insert Lab/pve1 3-3"_s, u"insert Lab/pve2 3-3"_s};
    QTest::newRow("on a new node: the node arrives whole")
        << QList<ClusterResource>{ResourceFixture::guest(u"qemu"_s, 300, u"pve3"_s, u"new"_s),
                                  ResourceFixture::guest(u"qemu"_s, 301, u"pve3"_s, u"new2"_s)}
        << QStringList{u"insert Lab 2-2"_s};
}

void tst_ResourceTreeModel::guestsAppear()
{
    QFETCH(QList<ClusterResource>, added);
    QFETCH(QStringList, expected);
    Loaded t;
    t.model.applyResources(kLab, t.snapshot + added);
    QCOMPARE(t.log.take(), expected);
    for (const ClusterResource &r : added)
        QCOMPARE(t.model.indexOf(kLab, r.id).data(ResourceTreeModel::ResourceIdRole).toString(), r.id);
}

void tst_ResourceTreeModel::guestsDisappear_data()
{
    QTest::addColumn<QStringList>("removed");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("one") << QStringList{u"qemu/101"_s} << QStringList{u"remove Lab/pve1 1-1"_s};
    QTest::newRow("neighbours: one range") << QStringList{u"qemu/100"_s, u"qemu/101"_s, u"lxc/102"_s}
                                           << QStringList{u"remove Lab/pve1 0-2"_s};
    QTest::newRow("apart: highest first") << QStringList{u"qemu/100"_s, u"lxc/102"_s}
                                          << QStringList{u"remove Lab/pve1 2-2"_s, u"remove Lab/pve1 0-0"_s};
    QTest::newRow("last guest of a node: the node stays")
        << QStringList{u"lxc/200"_s, u"storage/pve10/local"_s} << QStringList{u"remove Lab/pve10 0-1"_s};
}

void tst_ResourceTreeModel::guestsDisappear()
{
    QFETCH(QStringList, removed);
    QFETCH(QStringList, expected);
    Loaded t;
    for (const QString &id : removed)
        ResourceFixture::remove(t.snapshot, id);
    t.model.applyResources(kLab, t.snapshot);
    QCOMPARE(t.log.take(), expected);
    for (const QString &id : removed)
        QVERIFY(!t.model.indexOf(kLab, id).isValid());
}

void tst_ResourceTreeModel::migrationMovesRow()
{
    Loaded t;
    const QPersistentModelIndex migrating(t.model.indexOf(kLab, u"qemu/101"_s, ResourceTreeModel::StatusColumn));
    const QPersistentModelIndex neighbour(t.model.indexOf(kLab, u"lxc/102"_s));
    ResourceFixture::find(t.snapshot, u"qemu/101"_s).node = ResourceFixture::node(u"pve2"_s);
    t.model.applyResources(kLab, t.snapshot);
    QCOMPARE(t.log.take(), (QStringList{
                               u"move Lab/pve1 1-1 -> Lab/pve2 0"_s,
                               u"data Lab/pve2 0-0 cols 3-3 Display,ToolTip,Sort,Node,Resource"_s,
                           }));
    // The persistent index (a selection, say) followed the guest.
    QVERIFY(migrating.isValid());
    QCOMPARE(TreeDump::path(migrating), u"Lab/pve2/101 (web02)"_s);
    QCOMPARE(migrating.column(), int(ResourceTreeModel::StatusColumn));
    QCOMPARE(migrating.parent(), t.model.indexOf(kLab, u"node/pve2"_s));
    QCOMPARE(migrating.data(ResourceTreeModel::NodeRole).toString(), u"pve2"_s);
    QCOMPARE(TreeDump::path(neighbour), u"Lab/pve1/102 (dns01)"_s);
    QCOMPARE(neighbour.row(), 1);
}

void tst_ResourceTreeModel::nodeDisappearsWithSubtree()
{
    Loaded t;
    const QPersistentModelIndex guest(t.model.indexOf(kLab, u"lxc/200"_s));
    for (const QString &id : {u"node/pve10"_s, u"lxc/200"_s, u"storage/pve10/local"_s})
        ResourceFixture::remove(t.snapshot, id);
    t.model.applyResources(kLab, t.snapshot);
    QCOMPARE(t.log.take(), QStringList{u"remove Lab 2-2"_s});
    QVERIFY(!guest.isValid());
    QCOMPARE(TreeDump::lines(t.model), kLabByNode.mid(0, 14));
}

void tst_ResourceTreeModel::nodeEntryGoesButGuestsStay()
{
    Loaded t;
    ResourceFixture::remove(t.snapshot, u"node/pve10"_s);
    t.model.applyResources(kLab, t.snapshot);
    // The row stays (its guests are still reported) but is no resource any more.
    QCOMPARE(t.log.take(), QStringList{u"data Lab 2-2 cols 0-7 all"_s});
    const QModelIndex node = t.model.index(2, 0, t.model.clusterIndex(kLab));
    QCOMPARE(node.data().toString(), u"pve10"_s);
    QCOMPARE(node.data(ResourceTreeModel::ResourceIdRole), QVariant());
    QCOMPARE(node.data(ResourceTreeModel::NodeRole).toString(), u"pve10"_s);
    QCOMPARE(node.data(ResourceTreeModel::RowKindRole).value<ResourceTreeModel::RowKind>(),
             ResourceTreeModel::RowKind::Node);
    QCOMPARE(t.model.rowCount(node), 2);
}

void tst_ResourceTreeModel::nodeKnownFirstFromItsGuests()
{
    ResourceTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addCluster(kLab, u"Lab"_s);
    ModelSignalLog log(&model);
    QList<ClusterResource> all = ResourceFixture::load();
    // An event stream may report a guest before its node.
    model.applyChanges(kLab, {ResourceFixture::find(all, u"lxc/200"_s)}, {});
    QCOMPARE(log.take(), QStringList{u"insert Lab 0-0"_s});
    const QPersistentModelIndex node = model.index(0, 0, model.clusterIndex(kLab));
    QCOMPARE(node.data().toString(), u"pve10"_s);
    QCOMPARE(node.data(Qt::DisplayRole), node.data(Qt::ToolTipRole));
    model.applyChanges(kLab, {ResourceFixture::find(all, u"node/pve10"_s)}, {});
    QCOMPARE(log.take(), QStringList{u"data Lab 0-0 cols 0-7 all"_s});
    QCOMPARE(node.data(ResourceTreeModel::ResourceIdRole).toString(), u"node/pve10"_s);
    QCOMPARE(node.data(ResourceTreeModel::StatusRole).toString(), u"offline"_s);
}

void tst_ResourceTreeModel::emptySnapshotClearsCluster()
{
    Loaded t;
    t.model.applyResources(kLab, {});
    QCOMPARE(t.log.take(), QStringList{u"remove Lab 0-2"_s});
    QCOMPARE(t.model.resourceCount(kLab), 0);
    t.model.applyResources(kLab, t.snapshot);
    QCOMPARE(t.log.take(), QStringList{u"insert Lab 0-2"_s});
    QCOMPARE(TreeDump::lines(t.model), kLabByNode);
}

void tst_ResourceTreeModel::applyChangesDeltas()
{
    Loaded t;
    ClusterResource stopped = ResourceFixture::find(t.snapshot, u"qemu/100"_s);
    stopped.status = u"stopped"_s;
    const ClusterResource fresh = ResourceFixture::guest(u"qemu"_s, 105, u"pve2"_s, u"fresh"_s);
    const ClusterResource fleeting = ResourceFixture::guest(u"qemu"_s, 106, u"pve2"_s, u"gone"_s);
    t.model.applyChanges(kLab, {stopped, fresh, fleeting}, {u"lxc/102"_s, u"qemu/106"_s, u"qemu/404"_s});
    QCOMPARE(t.log.take(), (QStringList{
                               u"remove Lab/pve1 2-2"_s,
                               u"insert Lab/pve2 0-0"_s,
                               u"data Lab/pve1 0-0 cols 0-2 Display,Decoration,ToolTip,Sort,Status,Resource"_s,
                           }));
    QCOMPARE(t.model.resourceCount(kLab), 18);
    QVERIFY(!t.model.indexOf(kLab, u"qemu/106"_s).isValid());
    // Resources a delta does not name stay.
    QVERIFY(t.model.indexOf(kLab, u"qemu/101"_s).isValid());
}

void tst_ResourceTreeModel::refreshesNeverReset()
{
    Loaded t;
    QSignalSpy aboutToReset(&t.model, &QAbstractItemModel::modelAboutToBeReset);
    QSignalSpy layoutAboutToChange(&t.model, &QAbstractItemModel::layoutAboutToBeChanged);
    QSignalSpy inserted(&t.model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&t.model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy moved(&t.model, &QAbstractItemModel::rowsMoved);
    QList<ClusterResource> next = t.snapshot;
    for (int round = 0; round < 20; ++round) {
        // A bit of everything each round: load, state changes, a migration,
        // a guest coming and going.
        ResourceFixture::find(next, u"qemu/100"_s).cpu = round / 20.0;
        ResourceFixture::find(next, u"qemu/111"_s).status = round % 2 ? u"running"_s : u"stopped"_s;
        ResourceFixture::find(next, u"qemu/112"_s).node = ResourceFixture::node(round % 2 ? u"pve1"_s : u"pve2"_s);
        if (round % 3 == 0)
            next.append(ResourceFixture::guest(u"lxc"_s, 500 + round, u"pve10"_s, u"ephemeral"_s));
        else
            next.removeIf([](const ClusterResource &r) { return r.vmid && r.vmid->value() >= 500 && r.vmid->value() < 600; });
        t.model.applyResources(kLab, next);
    }
    QCOMPARE(aboutToReset.count(), 0);
    QCOMPARE(layoutAboutToChange.count(), 0);
    QCOMPARE(inserted.count(), 7);
    QCOMPARE(removed.count(), 7);
    QCOMPARE(moved.count(), 19); // round 0 puts 112 where it already is
}

void tst_ResourceTreeModel::views_data()
{
    QTest::addColumn<View>("view");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("by node") << View::ByNode << kLabByNode;
    QTest::newRow("by type") << View::ByType
                             << QStringList{
                                    u"Lab"_s,
                                    u"  Virtual machines"_s,
                                    u"    100 (web01)"_s,
                                    u"    101 (web02)"_s,
                                    u"    110 (db01)"_s,
                                    u"    111 (build)"_s,
                                    u"    112 (legacy)"_s,
                                    u"    9000 (tpl-debian)"_s,
                                    u"  Containers"_s,
                                    u"    102 (dns01)"_s,
                                    u"    200 (backup-ct)"_s,
                                    u"  Nodes"_s,
                                    u"    pve1"_s,
                                    u"    pve2"_s,
                                    u"    pve10"_s,
                                    u"  Storage"_s,
                                    u"    cephfs (pve1)"_s,
                                    u"    local (pve1)"_s,
                                    u"    local (pve2)"_s,
                                    u"    local (pve10)"_s,
                                    u"    local-lvm (pve1)"_s,
                                    u"  Pools"_s,
                                    u"    lab"_s,
                                    u"    production"_s,
                                };
    QTest::newRow("by pool") << View::ByPool
                             << QStringList{
                                    u"Lab"_s,
                                    u"  lab"_s,
                                    u"  production"_s,
                                    u"    100 (web01)"_s,
                                    u"    101 (web02)"_s,
                                    u"    110 (db01)"_s,
                                    u"  (no pool)"_s,
                                    u"    102 (dns01)"_s,
                                    u"    111 (build)"_s,
                                    u"    112 (legacy)"_s,
                                    u"    200 (backup-ct)"_s,
                                    u"    9000 (tpl-debian)"_s,
                                };
    QTest::newRow("by tag") << View::ByTag
                            << QStringList{
                                   u"Lab"_s,
                                   u"  db"_s,
                                   u"    110 (db01)"_s,
                                   u"  infra"_s,
                                   u"    102 (dns01)"_s,
                                   u"    200 (backup-ct)"_s,
                                   u"  prod"_s,
                                   u"    100 (web01)"_s,
                                   u"    110 (db01)"_s,
                                   u"  web"_s,
                                   u"    100 (web01)"_s,
                                   u"    101 (web02)"_s,
                                   u"  (no tag)"_s,
                                   u"    111 (build)"_s,
                                   u"    112 (legacy)"_s,
                                   u"    9000 (tpl-debian)"_s,
                               };
}

void tst_ResourceTreeModel::views()
{
    QFETCH(View, view);
    QFETCH(QStringList, expected);
    // Built directly in the view, and switched to it from another view.
    Loaded direct(view);
    QCOMPARE(TreeDump::lines(direct.model), expected);
    Loaded switched(view == View::ByNode ? View::ByTag : View::ByNode);
    switched.model.setView(view);
    QCOMPARE(TreeDump::lines(switched.model), expected);
    // Refreshing the same snapshot in any view changes nothing.
    direct.model.applyResources(kLab, direct.snapshot);
    QCOMPARE(direct.log.take(), QStringList());
}

void tst_ResourceTreeModel::tagViewFollowsTagChanges()
{
    Loaded t(View::ByTag);
    const QPersistentModelIndex webRow(t.model.index(0, 0, t.model.index(3, 0, t.model.clusterIndex(kLab))));
    QCOMPARE(TreeDump::path(webRow), u"Lab/web/100 (web01)"_s);
    // "prod;web" → "prod;dev": the web row becomes a dev row (a move into a
    // new tag group), the prod row stays.
    ResourceFixture::find(t.snapshot, u"qemu/100"_s).tags = u"prod;dev"_s;
    t.model.applyResources(kLab, t.snapshot);
    QCOMPARE(t.log.take(), (QStringList{
                               u"insert Lab 1-1"_s,
                               u"move Lab/web 0-0 -> Lab/dev 0"_s,
                               u"data Lab/dev 0-0 cols 7-7 Display,ToolTip,Sort,Resource"_s,
                               u"data Lab/prod 0-0 cols 7-7 Display,ToolTip,Sort,Resource"_s,
                           }));
    QCOMPARE(TreeDump::path(webRow), u"Lab/dev/100 (web01)"_s);
    // A second tag adds a row; dropping the last tag of a group removes it.
    ResourceFixture::find(t.snapshot, u"qemu/101"_s).tags = u"web;db"_s;
    ResourceFixture::find(t.snapshot, u"lxc/102"_s).tags.reset();
    ResourceFixture::find(t.snapshot, u"lxc/200"_s).tags.reset();
    t.model.applyResources(kLab, t.snapshot);
    QCOMPARE(t.log.take(), (QStringList{
                               u"move Lab/infra 0-0 -> Lab/(no tag) 0"_s,
                               u"move Lab/infra 0-0 -> Lab/(no tag) 3"_s,
                               u"remove Lab 2-2"_s,
                               u"insert Lab/db 0-0"_s,
                               u"data Lab/web 0-0 cols 7-7 Display,ToolTip,Sort,Resource"_s,
                               u"data Lab/(no tag) 0-0 cols 7-7 Display,ToolTip,Sort,Resource"_s,
                               u"data Lab/(no tag) 3-3 cols 7-7 Display,ToolTip,Sort,Resource"_s,
                           }));
    QCOMPARE(t.model.indexesOf(kLab, u"qemu/101"_s).size(), 2);
}

void tst_ResourceTreeModel::poolViewMovesGuests()
{
    Loaded t(View::ByPool);
    const QPersistentModelIndex build(t.model.indexOf(kLab, u"qemu/111"_s));
    ResourceFixture::find(t.snapshot, u"qemu/111"_s).pool = u"lab"_s;
    t.model.applyResources(kLab, t.snapshot);
    QCOMPARE(t.log.take(), (QStringList{
                               u"move Lab/(no pool) 1-1 -> Lab/lab 0"_s,
                               u"data Lab/lab 0-0 cols 0-0 Display,ToolTip,Sort,Resource"_s,
                           }));
    QCOMPARE(TreeDump::path(build), u"Lab/lab/111 (build)"_s);
    // Removing a pool whose members stay: its row stays as a plain group.
    ResourceFixture::remove(t.snapshot, u"/pool/lab"_s);
    t.model.applyResources(kLab, t.snapshot);
    QCOMPARE(t.log.take(), QStringList{u"data Lab 0-0 cols 0-7 all"_s});
    QCOMPARE(t.model.index(0, 0, t.model.clusterIndex(kLab)).data(ResourceTreeModel::ResourceIdRole), QVariant());
}

void tst_ResourceTreeModel::clustersSideBySide()
{
    ResourceTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ModelSignalLog log(&model);
    model.addCluster(u"b"_s, u"Beta"_s);
    model.addCluster(kLab, u"Lab"_s);
    model.applyResources(kLab, ResourceFixture::load());
    model.applyResources(u"b"_s, {ResourceFixture::guest(u"qemu"_s, 100, u"node1"_s, u"same-id"_s)});
    QCOMPARE(log.take(), (QStringList{u"insert  0-0"_s, u"insert  1-1"_s, u"insert Lab 0-2"_s, u"insert Beta 0-0"_s}));
    QCOMPARE(model.clusterIds(), (QStringList{u"b"_s, kLab}));
    // The same resource id in two clusters is two resources.
    QCOMPARE(TreeDump::path(model.indexOf(u"b"_s, u"qemu/100"_s)), u"Beta/node1/100 (same-id)"_s);
    QCOMPARE(TreeDump::path(model.indexOf(kLab, u"qemu/100"_s)), u"Lab/pve1/100 (web01)"_s);
    QCOMPARE(model.indexOf(u"b"_s, u"qemu/100"_s).data(ResourceTreeModel::ClusterIdRole).toString(), u"b"_s);

    QCOMPARE(model.clusterIndex(kLab, ResourceTreeModel::StatusColumn).data().toString(), u"Connecting…"_s);
    model.setClusterState(kLab, ResourceTreeModel::ClusterState::Failed, u"certificate changed"_s);
    QCOMPARE(log.take(), QStringList{u"data  1-1 cols 0-2 Display,Decoration,ToolTip,Sort,Status"_s});
    QCOMPARE(model.clusterIndex(kLab, ResourceTreeModel::StatusColumn).data().toString(),
             u"Failed: certificate changed"_s);
    QCOMPARE(model.clusterIndex(kLab).data(ResourceTreeModel::StatusRole).toString(), u"failed"_s);
    QCOMPARE(model.clusterState(kLab), ResourceTreeModel::ClusterState::Failed);

    const QPersistentModelIndex labGuest(model.indexOf(kLab, u"qemu/101"_s));
    model.removeCluster(u"b"_s);
    QCOMPARE(log.take(), QStringList{u"remove  0-0"_s});
    QVERIFY(labGuest.isValid());
    QCOMPARE(TreeDump::path(labGuest), u"Lab/pve1/101 (web02)"_s);
    QCOMPARE(model.clusterIndex(kLab).row(), 0);
    model.addCluster(kLab, u"Lab renamed"_s);
    QCOMPARE(log.take(), QStringList{u"data  0-0 cols 0-0 Display,ToolTip,Sort"_s});
}

void tst_ResourceTreeModel::setViewAndResetResourcesReset()
{
    Loaded t;
    QSignalSpy reset(&t.model, &QAbstractItemModel::modelReset);
    t.model.setView(View::ByType);
    QCOMPARE(reset.count(), 1);
    t.model.setView(View::ByType);
    QCOMPARE(reset.count(), 1);
    t.model.setView(View::ByNode);
    t.model.resetResources(kLab, t.snapshot);
    QCOMPARE(reset.count(), 3);
    QCOMPARE(TreeDump::lines(t.model), kLabByNode);
    // After a reset, refreshes are diffs again.
    t.log.take();
    ResourceFixture::find(t.snapshot, u"qemu/101"_s).cpu = 0.1;
    t.model.applyResources(kLab, t.snapshot);
    QCOMPARE(t.log.take(), QStringList{u"data Lab/pve1 1-1 cols 4-4 Display,ToolTip,Sort,Resource"_s});
}

QTEST_MAIN(tst_ResourceTreeModel)
#include "tst_ResourceTreeModel.moc"
