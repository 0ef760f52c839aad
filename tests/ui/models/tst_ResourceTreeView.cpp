// A QTreeView (offscreen) over the tree model, directly and through the
// filter proxy: selection, current index and expansion survive every kind of
// refresh, including a migration of the selected guest, because refreshes are
// diffs and never resets.

#include "ResourceFixture.h"
#include "TreeDump.h"
#include "models/ResourceFilterProxyModel.h"
#include "models/ResourceTreeModel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QHeaderView>
#include <QTest>
#include <QTreeView>

using namespace atalaia;
using namespace atalaia::model;
using namespace atalaia::ui;
using namespace Qt::StringLiterals;

namespace {

const QString kLab = u"lab"_s;

} // namespace

class tst_ResourceTreeView : public QObject
{
    Q_OBJECT

private slots:
    void keepsSelectionAndExpansion_data();
    void keepsSelectionAndExpansion();
};

void tst_ResourceTreeView::keepsSelectionAndExpansion_data()
{
    QTest::addColumn<bool>("throughProxy");
    QTest::addColumn<int>("sortColumn");
    QTest::newRow("model") << false << -1;
    QTest::newRow("filter proxy") << true << -1;
    QTest::newRow("filter proxy sorted by cpu") << true << int(ResourceTreeModel::CpuColumn);
}

void tst_ResourceTreeView::keepsSelectionAndExpansion()
{
    QFETCH(bool, throughProxy);
    QFETCH(int, sortColumn);
    ResourceTreeModel model;
    QAbstractItemModelTester modelTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addCluster(kLab, u"Lab"_s);
    QList<ClusterResource> snapshot = ResourceFixture::load();
    model.applyResources(kLab, snapshot);
    ResourceFilterProxyModel proxy;
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&model);
    proxy.sort(sortColumn, Qt::DescendingOrder);

    QTreeView view;
    view.setModel(throughProxy ? static_cast<QAbstractItemModel *>(&proxy) : &model);
    view.setSelectionMode(QAbstractItemView::ExtendedSelection);
    view.setSelectionBehavior(QAbstractItemView::SelectRows);
    view.resize(800, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    const auto viewIndex = [&](const QString &id) {
        const QModelIndex source = model.indexOf(kLab, id);
        return throughProxy ? proxy.mapFromSource(source) : source;
    };
    const auto datacenter = [&] {
        const QModelIndex source = model.clusterIndex(kLab);
        return throughProxy ? proxy.mapFromSource(source) : source;
    };
    view.expand(datacenter());
    view.expand(viewIndex(u"node/pve1"_s));
    view.expand(viewIndex(u"node/pve2"_s));
    view.setCurrentIndex(viewIndex(u"qemu/101"_s));
    view.selectionModel()->select(viewIndex(u"lxc/102"_s),
                                  QItemSelectionModel::Select | QItemSelectionModel::Rows);

    const auto check = [&](const char *step) {
        const QString where = QString::fromLatin1(step);
        QVERIFY2(view.isExpanded(datacenter()), qPrintable(where));
        QVERIFY2(view.isExpanded(viewIndex(u"node/pve1"_s)), qPrintable(where));
        QVERIFY2(view.isExpanded(viewIndex(u"node/pve2"_s)), qPrintable(where));
        QVERIFY2(!view.isExpanded(viewIndex(u"node/pve10"_s)), qPrintable(where));
        QCOMPARE(view.currentIndex().siblingAtColumn(0), viewIndex(u"qemu/101"_s));
        QModelIndexList selected = view.selectionModel()->selectedRows();
        QStringList ids;
        for (const QModelIndex &index : selected)
            ids << index.data(ResourceTreeModel::ResourceIdRole).toString();
        ids.sort();
        QCOMPARE(ids, (QStringList{u"lxc/102"_s, u"qemu/101"_s}));
    };
    // The current index is part of the selection in ExtendedSelection.
    view.selectionModel()->select(viewIndex(u"qemu/101"_s), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    check("start");

    ResourceFixture::find(snapshot, u"qemu/101"_s).status = u"stopped"_s;
    ResourceFixture::find(snapshot, u"qemu/100"_s).cpu = 0.9;
    model.applyResources(kLab, snapshot);
    check("status and load");

    ResourceFixture::remove(snapshot, u"qemu/100"_s); // a row above the selection goes
    snapshot.append(ResourceFixture::guest(u"qemu"_s, 103, u"pve1"_s, u"new"_s));
    snapshot.append(ResourceFixture::guest(u"lxc"_s, 113, u"pve2"_s, u"new-ct"_s));
    model.applyResources(kLab, snapshot);
    check("guests come and go");

    ResourceFixture::find(snapshot, u"qemu/110"_s).node = ResourceFixture::node(u"pve1"_s);
    model.applyResources(kLab, snapshot);
    check("another guest migrates in");

    ResourceFixture::find(snapshot, u"qemu/101"_s).node = ResourceFixture::node(u"pve2"_s);
    model.applyResources(kLab, snapshot);
    check("the selected guest migrates");
    QCOMPARE(TreeDump::path(view.currentIndex()), u"Lab/pve2/101 (web02)"_s);

    // Load changes that reorder a CPU-sorted view.
    ResourceFixture::find(snapshot, u"qemu/101"_s).status = u"running"_s;
    ResourceFixture::find(snapshot, u"qemu/101"_s).cpu = 0.99;
    ResourceFixture::find(snapshot, u"lxc/102"_s).cpu = 0.98;
    ResourceFixture::find(snapshot, u"qemu/110"_s).cpu = 0.97;
    model.applyResources(kLab, snapshot);
    check("load reorders");
    if (sortColumn == ResourceTreeModel::CpuColumn)
        QCOMPARE(view.currentIndex().row(), 0);

    for (const QString &id : {u"node/pve10"_s, u"lxc/200"_s, u"storage/pve10/local"_s})
        ResourceFixture::remove(snapshot, id);
    model.applyResources(kLab, snapshot);
    check("a node goes");

    if (throughProxy) {
        // Narrowing to rows that include the selection keeps it.
        proxy.setFilterText(u"web0"_s);
        QCOMPARE(TreeDump::lines(proxy), (QStringList{u"Lab"_s, u"  pve2"_s, u"    101 (web02)"_s}));
        QCOMPARE(view.currentIndex().siblingAtColumn(0), viewIndex(u"qemu/101"_s));
        QVERIFY(view.isExpanded(viewIndex(u"node/pve2"_s)));
        QVERIFY(view.selectionModel()->isRowSelected(viewIndex(u"qemu/101"_s).row(), viewIndex(u"node/pve2"_s)));
    }
    QCoreApplication::processEvents();
    QVERIFY(view.viewport()->isVisible());
}

QTEST_MAIN(tst_ResourceTreeView)
#include "tst_ResourceTreeView.moc"
