// ResourceFilterProxyModel: search terms (all must match, any field, any
// case), ancestors of matches kept, the filter following refreshes, and
// sorting by column values. Model and proxy are both under
// QAbstractItemModelTester.

#include "ModelSignalLog.h"
#include "ResourceFixture.h"
#include "TreeDump.h"
#include "models/ResourceFilterProxyModel.h"
#include "models/ResourceTreeModel.h"

#include <QAbstractItemModelTester>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <random>

using namespace atalaia;
using namespace atalaia::model;
using namespace atalaia::ui;
using namespace Qt::StringLiterals;

using View = ResourceTreeModel::View;

namespace {

const QString kLab = u"lab"_s;

struct Filtered {
    explicit Filtered(View view = View::ByNode)
    {
        model.setView(view);
        model.addCluster(kLab, u"Lab"_s);
        model.applyResources(kLab, snapshot);
        proxy.setSourceModel(&model);
    }

    ResourceTreeModel model;
    QAbstractItemModelTester modelTester{&model, QAbstractItemModelTester::FailureReportingMode::QtTest};
    ResourceFilterProxyModel proxy;
    QAbstractItemModelTester proxyTester{&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest};
    QList<ClusterResource> snapshot = ResourceFixture::load();
};

} // namespace

class tst_ResourceFilterProxyModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }
    void filter_data();
    void filter();
    void emptyFilterShowsAll();
    void filterFollowsRefreshes();
    void typingNarrows();
    void refreshSignalsThroughFilter();
    void sorting_data();
    void sorting();
    void sortingFollowsRefreshes();
    void otherSourceModels();
    void clustersComeAndGo();
    void randomRefreshesMatchFreshModels_data();
    void randomRefreshesMatchFreshModels();
};

void tst_ResourceFilterProxyModel::filter_data()
{
    QTest::addColumn<View>("view");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");

    const QStringList web{u"Lab"_s, u"  pve1"_s, u"    100 (web01)"_s, u"    101 (web02)"_s};
    QTest::newRow("name") << View::ByNode << u"web"_s << web;
    QTest::newRow("all terms must match") << View::ByNode << u"running web"_s << web;
    QTest::newRow("any case, any spacing") << View::ByNode << u"  RUNNING\t  Web "_s << web;
    QTest::newRow("terms in different fields only") << View::ByNode << u"web db"_s << QStringList();
    QTest::newRow("status") << View::ByNode << u"stopped"_s
                            << QStringList{u"Lab"_s, u"  pve1"_s, u"    9000 (tpl-debian)"_s, u"  pve2"_s,
                                           u"    111 (build)"_s, u"  pve10"_s, u"    200 (backup-ct)"_s};
    QTest::newRow("vmid") << View::ByNode << u"110"_s << QStringList{u"Lab"_s, u"  pve2"_s, u"    110 (db01)"_s};
    QTest::newRow("node: the node and what is on it")
        << View::ByNode << u"pve2"_s
        << QStringList{u"Lab"_s, u"  pve2"_s, u"    110 (db01)"_s, u"    111 (build)"_s, u"    112 (legacy)"_s,
                       u"    local"_s};
    QTest::newRow("tag") << View::ByNode << u"prod"_s
                         << QStringList{u"Lab"_s, u"  pve1"_s, u"    100 (web01)"_s, u"  pve2"_s, u"    110 (db01)"_s};
    QTest::newRow("api type") << View::ByNode << u"lxc"_s
                              << QStringList{u"Lab"_s, u"  pve1"_s, u"    102 (dns01)"_s, u"  pve10"_s,
                                             u"    200 (backup-ct)"_s};
    QTest::newRow("translated type") << View::ByNode << u"contain"_s
                                     << QStringList{u"Lab"_s, u"  pve1"_s, u"    102 (dns01)"_s, u"  pve10"_s,
                                                    u"    200 (backup-ct)"_s};
    QTest::newRow("template") << View::ByNode << u"template"_s
                              << QStringList{u"Lab"_s, u"  pve1"_s, u"    9000 (tpl-debian)"_s};
    QTest::newRow("no match: no datacenter either") << View::ByNode << u"nothing-like-this"_s << QStringList();
    QTest::newRow("tag view: the tag group and its guests")
        << View::ByTag << u"infra"_s
        << QStringList{u"Lab"_s, u"  infra"_s, u"    102 (dns01)"_s, u"    200 (backup-ct)"_s};
    QTest::newRow("tag view: a guest under each of its tags")
        << View::ByTag << u"db01"_s
        << QStringList{u"Lab"_s, u"  db"_s, u"    110 (db01)"_s, u"  prod"_s, u"    110 (db01)"_s};
    QTest::newRow("type view: folders are kept for their matches")
        << View::ByType << u"local-lvm"_s << QStringList{u"Lab"_s, u"  Storage"_s, u"    local-lvm (pve1)"_s};
    QTest::newRow("pool view: an empty pool matches by name")
        << View::ByPool << u"lab"_s << QStringList{u"Lab"_s, u"  lab"_s};
}

void tst_ResourceFilterProxyModel::filter()
{
    QFETCH(View, view);
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    Filtered t(view);
    QSignalSpy changed(&t.proxy, &ResourceFilterProxyModel::filterTextChanged);
    t.proxy.setFilterText(text);
    QCOMPARE(TreeDump::lines(t.proxy), expected);
    QCOMPARE(t.proxy.filterText(), text);
    QCOMPARE(changed.count(), 1);
}

void tst_ResourceFilterProxyModel::emptyFilterShowsAll()
{
    Filtered t;
    const QStringList all = TreeDump::lines(t.model);
    QCOMPARE(TreeDump::lines(t.proxy), all);
    t.proxy.setFilterText(u"web"_s);
    t.proxy.setFilterText(u"   "_s);
    QCOMPARE(TreeDump::lines(t.proxy), all);
}

void tst_ResourceFilterProxyModel::filterFollowsRefreshes()
{
    Filtered t;
    t.proxy.setFilterText(u"running"_s);
    QCOMPARE(TreeDump::lines(t.proxy), (QStringList{u"Lab"_s, u"  pve1"_s, u"    100 (web01)"_s, u"    101 (web02)"_s,
                                                    u"    102 (dns01)"_s, u"  pve2"_s, u"    110 (db01)"_s}));
    ResourceFixture::find(t.snapshot, u"qemu/101"_s).status = u"stopped"_s;
    ResourceFixture::find(t.snapshot, u"qemu/111"_s).status = u"running"_s;
    ResourceFixture::find(t.snapshot, u"lxc/200"_s).status = u"running"_s; // its node was hidden
    t.snapshot.append(ResourceFixture::guest(u"qemu"_s, 120, u"pve2"_s, u"new"_s));
    t.model.applyResources(kLab, t.snapshot);
    QCOMPARE(TreeDump::lines(t.proxy),
             (QStringList{u"Lab"_s, u"  pve1"_s, u"    100 (web01)"_s, u"    102 (dns01)"_s, u"  pve2"_s,
                          u"    110 (db01)"_s, u"    111 (build)"_s, u"    120 (new)"_s, u"  pve10"_s,
                          u"    200 (backup-ct)"_s}));
    // A migration keeps the guest visible, under its new node.
    ResourceFixture::find(t.snapshot, u"qemu/100"_s).node = ResourceFixture::node(u"pve10"_s);
    t.model.applyResources(kLab, t.snapshot);
    QCOMPARE(TreeDump::lines(t.proxy),
             (QStringList{u"Lab"_s, u"  pve1"_s, u"    102 (dns01)"_s, u"  pve2"_s, u"    110 (db01)"_s,
                          u"    111 (build)"_s, u"    120 (new)"_s, u"  pve10"_s, u"    100 (web01)"_s,
                          u"    200 (backup-ct)"_s}));
}

void tst_ResourceFilterProxyModel::typingNarrows()
{
    Filtered t;
    // What a search box sends, one keystroke at a time.
    const QList<std::pair<QString, int>> steps{
        {u"w"_s, 3}, // web01, web02, and a storage whose status is "unknown"
        {u"we"_s, 2}, {u"web"_s, 2}, {u"web0"_s, 2}, {u"web02"_s, 1}, {u"web0"_s, 2}, {QString(), 13}};
    for (const auto &[text, leaves] : steps) {
        t.proxy.setFilterText(text);
        int count = 0;
        const QModelIndex lab = t.proxy.index(0, 0);
        for (int node = 0; node < t.proxy.rowCount(lab); ++node)
            count += t.proxy.rowCount(t.proxy.index(node, 0, lab));
        QVERIFY2(count == leaves, qPrintable(u"%1: %2 rows"_s.arg(text).arg(count)));
    }
}

void tst_ResourceFilterProxyModel::refreshSignalsThroughFilter()
{
    // What a view on the filtered tree sees of a refresh: moves stay moves,
    // hidden parents appear and disappear with their matching rows.
    Filtered t;
    t.proxy.setFilterText(u"web"_s);
    ModelSignalLog log(&t.proxy);
    const QPersistentModelIndex web02 = t.proxy.mapFromSource(t.model.indexOf(kLab, u"qemu/101"_s));
    QCOMPARE(TreeDump::path(web02), u"Lab/pve1/101 (web02)"_s);

    // Migrates to pve2, which had no match: pve2 appears, the row moves there.
    ResourceFixture::find(t.snapshot, u"qemu/101"_s).node = ResourceFixture::node(u"pve2"_s);
    t.model.applyResources(kLab, t.snapshot);
    QCOMPARE(log.take(), (QStringList{
                             u"insert Lab 1-1"_s,
                             u"move Lab/pve1 1-1 -> Lab/pve2 0"_s,
                             u"data Lab/pve2 0-0 cols 3-3 Display,ToolTip,Sort,Node,Resource"_s,
                         }));
    QCOMPARE(TreeDump::path(web02), u"Lab/pve2/101 (web02)"_s);

    // The other match on pve1 stops matching: pve1 goes with it.
    ResourceFixture::find(t.snapshot, u"qemu/100"_s).name = u"app01"_s;
    ResourceFixture::find(t.snapshot, u"qemu/100"_s).tags = u"prod"_s;
    t.model.applyResources(kLab, t.snapshot);
    QCOMPARE(log.take(), (QStringList{u"remove Lab/pve1 0-0"_s, u"remove Lab 0-0"_s}));
    QCOMPARE(TreeDump::lines(t.proxy), (QStringList{u"Lab"_s, u"  pve2"_s, u"    101 (web02)"_s}));

    // Changes to rows the filter hides are not seen at all.
    ResourceFixture::find(t.snapshot, u"qemu/110"_s).cpu = 0.01;
    t.model.applyResources(kLab, t.snapshot);
    QCOMPARE(log.take(), QStringList());

    // A new match under a hidden node.
    t.snapshot.append(ResourceFixture::guest(u"lxc"_s, 201, u"pve10"_s, u"web-ct"_s));
    t.model.applyResources(kLab, t.snapshot);
    QCOMPARE(log.take(), QStringList{u"insert Lab 1-1"_s});
    QCOMPARE(TreeDump::lines(t.proxy), (QStringList{u"Lab"_s, u"  pve2"_s, u"    101 (web02)"_s, u"  pve10"_s,
                                                    u"    201 (web-ct)"_s}));
    // No reset, ever.
    QVERIFY(!log.take().contains(u"reset"_s));
}

void tst_ResourceFilterProxyModel::sorting_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::addColumn<QStringList>("nodes");
    QTest::addColumn<QStringList>("pve1");

    using M = ResourceTreeModel;
    // Rows without a value (stopped guests, storages) sort as lowest and keep
    // their name order in both directions.
    QTest::newRow("cpu ascending") << int(M::CpuColumn) << Qt::AscendingOrder
                                   << QStringList{u"pve10"_s, u"pve2"_s, u"pve1"_s}
                                   << QStringList{u"9000 (tpl-debian)"_s, u"cephfs"_s, u"local"_s, u"local-lvm"_s,
                                                  u"102 (dns01)"_s, u"100 (web01)"_s, u"101 (web02)"_s};
    QTest::newRow("memory descending") << int(M::MemoryColumn) << Qt::DescendingOrder
                                       << QStringList{u"pve1"_s, u"pve2"_s, u"pve10"_s}
                                       << QStringList{u"101 (web02)"_s, u"100 (web01)"_s, u"102 (dns01)"_s,
                                                      u"9000 (tpl-debian)"_s, u"cephfs"_s, u"local"_s, u"local-lvm"_s};
    QTest::newRow("name descending: vmid order, reversed")
        << int(M::NameColumn) << Qt::DescendingOrder << QStringList{u"pve10"_s, u"pve2"_s, u"pve1"_s}
        << QStringList{u"local-lvm"_s, u"local"_s, u"cephfs"_s, u"9000 (tpl-debian)"_s, u"102 (dns01)"_s,
                       u"101 (web02)"_s, u"100 (web01)"_s};
    QTest::newRow("status") << int(M::StatusColumn) << Qt::AscendingOrder
                            << QStringList{u"pve10"_s, u"pve1"_s, u"pve2"_s}
                            << QStringList{u"cephfs"_s, u"local"_s, u"local-lvm"_s, u"100 (web01)"_s,
                                           u"101 (web02)"_s, u"102 (dns01)"_s, u"9000 (tpl-debian)"_s};
}

void tst_ResourceFilterProxyModel::sorting()
{
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    QFETCH(QStringList, nodes);
    QFETCH(QStringList, pve1);
    Filtered t;
    t.proxy.sort(column, order);
    const QModelIndex lab = t.proxy.index(0, 0);
    QStringList nodeNames;
    QModelIndex pve1Index;
    for (int row = 0; row < t.proxy.rowCount(lab); ++row) {
        const QModelIndex node = t.proxy.index(row, 0, lab);
        nodeNames << node.data().toString();
        if (node.data().toString() == "pve1"_L1)
            pve1Index = node;
    }
    QCOMPARE(nodeNames, nodes);
    QStringList children;
    for (int row = 0; row < t.proxy.rowCount(pve1Index); ++row)
        children << t.proxy.index(row, 0, pve1Index).data().toString();
    QCOMPARE(children, pve1);
}

void tst_ResourceFilterProxyModel::sortingFollowsRefreshes()
{
    Filtered t;
    t.proxy.sort(ResourceTreeModel::CpuColumn, Qt::DescendingOrder);
    const QModelIndex pve1 = t.proxy.mapFromSource(t.model.indexOf(kLab, u"node/pve1"_s));
    QCOMPARE(t.proxy.index(0, 0, pve1).data().toString(), u"101 (web02)"_s);
    ResourceFixture::find(t.snapshot, u"qemu/100"_s).cpu = 0.99;
    t.model.applyResources(kLab, t.snapshot);
    QCOMPARE(t.proxy.index(0, 0, pve1).data().toString(), u"100 (web01)"_s);
    QCOMPARE(t.proxy.index(1, 0, pve1).data().toString(), u"101 (web02)"_s);
}

void tst_ResourceFilterProxyModel::otherSourceModels()
{
    // The proxy walks the tree model's items; anything else is refused.
    Filtered t;
    ResourceFilterProxyModel outer;
    QAbstractItemModelTester tester(&outer, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"only filters a ResourceTreeModel"_s));
    outer.setSourceModel(&t.proxy);
    QCOMPARE(outer.rowCount(), 0);
    QCOMPARE(outer.resourceModel(), nullptr);
    outer.setSourceModel(&t.model);
    QCOMPARE(TreeDump::lines(outer), TreeDump::lines(t.model));
}

void tst_ResourceFilterProxyModel::clustersComeAndGo()
{
    Filtered t;
    t.proxy.setFilterText(u"web"_s);
    ModelSignalLog log(&t.proxy);
    // A second cluster with a match appears after the first; one without stays hidden.
    t.model.addCluster(u"b"_s, u"Beta"_s);
    t.model.applyResources(u"b"_s, {ResourceFixture::guest(u"qemu"_s, 100, u"node1"_s, u"web-b"_s)});
    t.model.addCluster(u"c"_s, u"Gamma"_s);
    t.model.applyResources(u"c"_s, {ResourceFixture::guest(u"qemu"_s, 100, u"node1"_s, u"db-c"_s)});
    QCOMPARE(log.take(), QStringList{u"insert  1-1"_s});
    QCOMPARE(TreeDump::lines(t.proxy), (QStringList{u"Lab"_s, u"  pve1"_s, u"    100 (web01)"_s, u"    101 (web02)"_s,
                                                    u"Beta"_s, u"  node1"_s, u"    100 (web-b)"_s}));
    // The datacenter row's state passes through.
    t.model.setClusterState(u"b"_s, ResourceTreeModel::ClusterState::Connected);
    QCOMPARE(log.take(), QStringList{u"data  1-1 cols 0-2 Display,Decoration,ToolTip,Sort,Status"_s});
    // Removing clusters: the visible one is one remove, the hidden one none.
    t.model.removeCluster(u"c"_s);
    t.model.removeCluster(u"b"_s);
    QCOMPARE(log.take(), QStringList{u"remove  1-1"_s});
    QCOMPARE(TreeDump::lines(t.proxy), (QStringList{u"Lab"_s, u"  pve1"_s, u"    100 (web01)"_s, u"    101 (web02)"_s}));
    // A view switch resets the proxy too.
    t.model.setView(View::ByTag);
    QCOMPARE(log.take(), QStringList{u"reset"_s});
    QCOMPARE(TreeDump::lines(t.proxy), (QStringList{u"Lab"_s, u"  prod"_s, u"    100 (web01)"_s, u"  web"_s,
                                                    u"    100 (web01)"_s, u"    101 (web02)"_s}));
}

void tst_ResourceFilterProxyModel::randomRefreshesMatchFreshModels_data()
{
    QTest::addColumn<quint32>("seed");
    for (quint32 seed : {20260501u, 1u, 2u, 3u, 4u})
        QTest::addRow("seed %u", seed) << seed;
}

void tst_ResourceFilterProxyModel::randomRefreshesMatchFreshModels()
{
    QFETCH(quint32, seed);
    // Many random refreshes (status, load, migrations, tags, guests and a node
    // coming and going) under changing filters, sort orders and views. After
    // each, the incrementally updated model and proxy must show exactly what
    // a model and proxy built from scratch show; the testers check every
    // signal on the way.
    Filtered t;
    std::mt19937 rng(seed);
    const auto pick = [&](const auto &list) { return list[qsizetype(rng() % quint32(list.size()))]; };
    const QStringList filters{QString(), u"web"_s, u"running"_s, u"pve1"_s, u"prod"_s, u"stopped web"_s,
                              u"1"_s, u"lxc"_s, u"infra"_s, u"w"_s, u"we"_s};
    const QList<std::pair<int, Qt::SortOrder>> sorts{{-1, Qt::AscendingOrder},
                                                     {ResourceTreeModel::CpuColumn, Qt::DescendingOrder},
                                                     {ResourceTreeModel::NameColumn, Qt::AscendingOrder},
                                                     {ResourceTreeModel::StatusColumn, Qt::AscendingOrder},
                                                     {ResourceTreeModel::MemoryColumn, Qt::AscendingOrder},
                                                     {ResourceTreeModel::TagsColumn, Qt::DescendingOrder}};
    const QStringList nodes{u"pve1"_s, u"pve2"_s, u"pve10"_s, u"pve3"_s};
    const QStringList tags{QString(), u"web"_s, u"prod;web"_s, u"infra"_s, u"db"_s, u"db;infra;web"_s};
    const QStringList statuses{u"running"_s, u"stopped"_s, u"paused"_s};
    const QList<View> views{View::ByNode, View::ByType, View::ByPool, View::ByTag};
    QList<ClusterResource> snapshot = t.snapshot;
    const ClusterResource pve10 = ResourceFixture::find(snapshot, u"node/pve10"_s);
    QList<ClusterResource> previous = snapshot;
    quint32 nextVmid = 300;
    for (int round = 0; round < 300; ++round) {
        for (int op = int(rng() % 4); op >= 0; --op) {
            QList<qsizetype> guests; // again each time: an op may insert or remove
            for (qsizetype i = 0; i < snapshot.size(); ++i)
                if (snapshot[i].vmid)
                    guests << i;
            ClusterResource &guest = snapshot[pick(guests)];
            switch (rng() % 8) {
            case 0:
                guest.status = pick(statuses);
                break;
            case 1:
                guest.cpu = double(rng() % 100) / 100.0;
                guest.mem = qint64(rng() % 1000);
                break;
            case 2:
                guest.node = ResourceFixture::node(pick(nodes));
                break;
            case 3:
                if (const QString tag = pick(tags); tag.isEmpty())
                    guest.tags.reset();
                else
                    guest.tags = tag;
                break;
            case 4:
                guest.pool = rng() % 2 ? std::optional<QString>(u"production"_s) : std::nullopt;
                break;
            case 5: {
                const QString type = rng() % 2 ? u"qemu"_s : u"lxc"_s;
                ClusterResource added = ResourceFixture::guest(type, nextVmid++, pick(nodes),
                                                               pick(QStringList{u"web9"_s, u"db9"_s, u"x"_s}),
                                                               pick(statuses));
                added.cpu = double(rng() % 100) / 100.0;
                snapshot.insert(qsizetype(rng() % quint32(snapshot.size() + 1)), added);
                break;
            }
            case 6:
                if (guests.size() > 3)
                    snapshot.removeAt(pick(guests));
                break;
            case 7:
                if (!snapshot.removeIf([](const ClusterResource &r) { return r.id == "node/pve10"_L1; }))
                    snapshot.append(pve10);
                break;
            }
        }
        if (round % 3 == 0) {
            // As an event-stream delta: what changed or came, and what went.
            QList<ClusterResource> upserted;
            QStringList removed;
            for (const ClusterResource &r : std::as_const(snapshot))
                if (t.model.resource(kLab, r.id) != r)
                    upserted << r;
            for (const ClusterResource &r : std::as_const(previous))
                if (std::none_of(snapshot.begin(), snapshot.end(), [&](const ClusterResource &n) { return n.id == r.id; }))
                    removed << r.id;
            t.model.applyChanges(kLab, upserted, removed);
        } else {
            t.model.applyResources(kLab, snapshot);
        }
        previous = snapshot;
        if (round % 7 == 0)
            t.proxy.setFilterText(pick(filters));
        if (round % 11 == 0) {
            const auto [column, order] = pick(sorts);
            t.proxy.sort(column, order);
        }
        if (round % 97 == 96)
            t.model.setView(pick(views));

        ResourceTreeModel fresh;
        fresh.setView(t.model.view());
        fresh.addCluster(kLab, u"Lab"_s);
        fresh.applyResources(kLab, snapshot);
        QCOMPARE(TreeDump::lines(t.model), TreeDump::lines(fresh));
        ResourceFilterProxyModel freshProxy;
        freshProxy.setSourceModel(&t.model);
        freshProxy.setFilterText(t.proxy.filterText());
        freshProxy.sort(t.proxy.sortColumn(), t.proxy.sortOrder());
        const QStringList expected = TreeDump::lines(freshProxy);
        const QStringList actual = TreeDump::lines(t.proxy);
        if (actual != expected)
            qWarning().noquote() << "round" << round << "filter" << t.proxy.filterText() << "sort"
                                 << t.proxy.sortColumn() << "\nactual:\n" << actual.join(u'\n')
                                 << "\nexpected:\n" << expected.join(u'\n');
        QCOMPARE(actual, expected);
    }
}

QTEST_MAIN(tst_ResourceFilterProxyModel)
#include "tst_ResourceFilterProxyModel.moc"
