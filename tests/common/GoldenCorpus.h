#pragma once

#include "config/Diagnostic.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>

#include <algorithm>

// Golden corpus helpers: every tests/data/config/<dir>/<case>.in is one data
// row. Its parse must write back byte for byte; its diagnostics must equal
// <case>.err (absent = no diagnostics at all). ATALAIA_REGENERATE=1 rewrites
// the .err files — review that diff like code.
namespace atalaia::test {

inline void addCorpusRows(const QString &dir)
{
    QTest::addColumn<QString>("path");
    const QDir corpus(QStringLiteral(ATALAIA_TEST_DATA_DIR "/config/") + dir);
    const QStringList cases = corpus.entryList({QStringLiteral("*.in")}, QDir::Files, QDir::Name);
    QVERIFY2(!cases.isEmpty(), qPrintable(QStringLiteral("empty corpus: ") + corpus.path()));
    for (const QString &name : cases)
        QTest::newRow(qPrintable(name)) << corpus.filePath(name);
}

inline QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

// Sorted by position, as atalaiactl prints them.
inline QString renderDiagnostics(config::Diagnostics diagnostics)
{
    std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const auto &a, const auto &b) {
        return std::pair(a.line, a.column) < std::pair(b.line, b.column);
    });
    QString text;
    for (const config::Diagnostic &d : diagnostics)
        text += d.toString() + QLatin1Char('\n');
    return text;
}

// Call from the test body with the case's input path, what the parser wrote
// back and what it reported.
inline void checkCorpusCase(const QString &inPath, const QByteArray &written, const config::Diagnostics &diagnostics)
{
    const QByteArray input = readFile(inPath);
    QVERIFY2(written == input, "write(parse(x)) differs from x");
    const QString errPath = inPath.chopped(3) + QStringLiteral(".err");
    const QString actual = renderDiagnostics(diagnostics);
    if (qEnvironmentVariableIntValue("ATALAIA_REGENERATE")) {
        if (actual.isEmpty()) {
            QFile::remove(errPath);
        } else {
            QFile f(errPath);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(actual.toUtf8());
        }
        return;
    }
    const QString expected = QFileInfo::exists(errPath) ? QString::fromUtf8(readFile(errPath)) : QString();
    QCOMPARE(actual, expected);
}

} // namespace atalaia::test
