#pragma once

// The golden cases of the domain translations (tst_QemuDomainXml,
// tst_LxcDomainXml): one row per tests/data/virt/KIND/*.conf, its translation
// compared with the .xml beside it (ATALAIA_REGENERATE=1 rewrites it), and the
// .xml checked against libvirt's own schema (virt-xml-validate).

#include "GoldenCorpus.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

namespace atalaia::test {

inline QString domainGoldenBase(const QString &kind, const QString &name)
{
    return QStringLiteral(ATALAIA_TEST_DATA_DIR "/virt/") + kind + u'/' + name;
}

// golden_data(): a row "name" per KIND/*.conf.
inline void addDomainGoldenRows(const QString &kind)
{
    QTest::addColumn<QString>("name");
    const QDir dir(QStringLiteral(ATALAIA_TEST_DATA_DIR "/virt/") + kind);
    const QStringList confs = dir.entryList({QStringLiteral("*.conf")}, QDir::Files, QDir::Name);
    QVERIFY(!confs.isEmpty());
    for (const QString &c : confs)
        QTest::newRow(qPrintable(c)) << c.chopped(5);
}

// golden(): XML is what the translation made of BASE.conf.
inline void checkDomainGolden(const QString &base, const QByteArray &xml)
{
    if (qEnvironmentVariableIsSet("ATALAIA_REGENERATE")) {
        QFile out(base + QStringLiteral(".xml"));
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(xml);
    }
    QCOMPARE(QString::fromUtf8(xml), QString::fromUtf8(readFile(base + QStringLiteral(".xml"))));

    // libvirt's own schema accepts it.
    const QString validator = QStandardPaths::findExecutable(QStringLiteral("virt-xml-validate"));
    if (validator.isEmpty())
        QSKIP("virt-xml-validate is not installed (libvirt-clients)");
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(validator, {base + QStringLiteral(".xml"), QStringLiteral("domain")});
    QVERIFY(p.waitForFinished(30000));
    QVERIFY2(p.exitCode() == 0, p.readAll().constData());
}

} // namespace atalaia::test
