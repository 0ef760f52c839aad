// ResourceSnapshot: a refresh trusts equal fingerprints to mean "unchanged",
// so equal values must hash equal however their strings were allocated, and
// a change of any single field must change the fingerprint.

#include "ResourceFixture.h"
#include "models/ResourceSnapshot.h"

#include <QTest>

#include <functional>

using namespace atalaia;
using namespace atalaia::model;
using namespace atalaia::ui;
using namespace Qt::StringLiterals;

using Change = std::function<void(ClusterResource &)>;

class tst_ResourceSnapshot : public QObject
{
    Q_OBJECT

private slots:
    void equalValuesHashEqual();
    void everyFieldCounts_data();
    void everyFieldCounts();
    void appendMatchesConstructor();
};

void tst_ResourceSnapshot::equalValuesHashEqual()
{
    for (const ClusterResource &r : ResourceFixture::load()) {
        // The same value parsed again: no string shared with the first.
        const ClusterResource again = ClusterResource::fromJson(r.toJson()).value();
        QCOMPARE(again, r);
        QCOMPARE(ResourceSnapshot::fingerprintOf(again), ResourceSnapshot::fingerprintOf(r));
        QCOMPARE(ResourceSnapshot::idHashOf(again.id), ResourceSnapshot::idHashOf(r.id));
    }
}

void tst_ResourceSnapshot::everyFieldCounts_data()
{
    QTest::addColumn<Change>("change");
    const auto row = [](const char *name, Change change) { QTest::newRow(name) << change; };
    row("status", [](ClusterResource &r) { r.status = u"stopped"_s; });
    row("status unset", [](ClusterResource &r) { r.status.reset(); });
    row("node", [](ClusterResource &r) { r.node = ResourceFixture::node(u"pve2"_s); });
    row("name", [](ClusterResource &r) { r.name = u"web1"_s; });
    row("name to empty", [](ClusterResource &r) { r.name = QString(); });
    row("cpu", [](ClusterResource &r) { r.cpu = *r.cpu + 1e-9; });
    row("cpu unset", [](ClusterResource &r) { r.cpu.reset(); });
    row("maxcpu", [](ClusterResource &r) { r.maxcpu = 5; });
    row("mem", [](ClusterResource &r) { *r.mem += 1; });
    row("maxmem", [](ClusterResource &r) { *r.maxmem += 1; });
    row("uptime", [](ClusterResource &r) { *r.uptime += 1; });
    row("netin", [](ClusterResource &r) { *r.netin += 1; });
    row("netout", [](ClusterResource &r) { r.netout = 1; });
    row("diskread", [](ClusterResource &r) { r.diskread = 1; });
    row("template", [](ClusterResource &r) { r.isTemplate = true; });
    row("hastate", [](ClusterResource &r) { r.hastate = u"stopped"_s; });
    row("pool", [](ClusterResource &r) { r.pool = u"lab"_s; });
    row("tags", [](ClusterResource &r) { r.tags = u"prod;webb"_s; });
    row("lock", [](ClusterResource &r) { r.lock = u"backup"_s; });
    row("memhost", [](ClusterResource &r) { r.memhost = 7; });
    row("content", [](ClusterResource &r) { r.content = QStringList{u"images"_s}; });
    row("shared", [](ClusterResource &r) { r.shared = false; });
    row("level", [](ClusterResource &r) { r.level = QString(); });
    row("cgroup mode", [](ClusterResource &r) { r.cgroupMode = 2; });
    row("unknown field", [](ClusterResource &r) { r.extra.insert(u"future"_s, 1); });
    // Values that could cancel out in a careless hash.
    row("tags moved into lock", [](ClusterResource &r) {
        r.lock = r.tags;
        r.tags.reset();
    });
    row("mem and maxmem swapped", [](ClusterResource &r) { std::swap(r.mem, r.maxmem); });
}

void tst_ResourceSnapshot::everyFieldCounts()
{
    QFETCH(Change, change);
    QList<ClusterResource> fixture = ResourceFixture::load();
    const ClusterResource before = ResourceFixture::find(fixture, u"qemu/100"_s);
    ClusterResource after = before;
    change(after);
    QVERIFY(after != before);
    QVERIFY(ResourceSnapshot::fingerprintOf(after) != ResourceSnapshot::fingerprintOf(before));
}

void tst_ResourceSnapshot::appendMatchesConstructor()
{
    const QList<ClusterResource> resources = ResourceFixture::load();
    const ResourceSnapshot whole(resources);
    ResourceSnapshot appended;
    appended.reserve(resources.size());
    for (const ClusterResource &r : resources)
        appended.append(r);
    QCOMPARE(appended.size(), whole.size());
    for (qsizetype i = 0; i < whole.size(); ++i) {
        QCOMPARE(appended.at(i), whole.at(i));
        QCOMPARE(appended.fingerprint(i), whole.fingerprint(i));
        QCOMPARE(appended.idHash(i), whole.idHash(i));
    }
}

QTEST_MAIN(tst_ResourceSnapshot)
#include "tst_ResourceSnapshot.moc"
