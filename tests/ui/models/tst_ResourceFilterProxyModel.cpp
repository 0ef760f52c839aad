// ResourceFilterProxyModel: search terms (all must match, any field, any
// case), ancestors of matches kept, the filter following refreshes, and
// sorting by column values. Model and proxy are both under
// QAbstractItemModelTester.

#include "ResourceFixture.h"
#include "TreeDump.h"
#include "models/ResourceFilterProxyModel.h"
#include "models/ResourceTreeModel.h"

#include <QAbstractItemModelTester>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

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
    void sorting_data();
    void sorting();
    void sortingFollowsRefreshes();
    void otherSourceModels();
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

QTEST_MAIN(tst_ResourceFilterProxyModel)
#include "tst_ResourceFilterProxyModel.moc"
