// CI fails when a Portuguese string is missing, unfinished, or drops or adds
// a placeholder or a keyboard accelerator: every .ts file in translations/.
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

namespace {

struct Message {
    QString context, source, translation;
    QStringList forms; // numerus forms
    bool numerus = false;
    bool unfinished = false;
    qint64 line = 0;
};

QList<Message> readTs(const QString &file, QString *error)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return {};
    }
    QXmlStreamReader xml(&f);
    QList<Message> out;
    QString context;
    Message current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == QLatin1String("name")) // only contexts have names
                context = xml.readElementText();
            else if (name == QLatin1String("message")) {
                current = Message{};
                current.context = context;
                current.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
                current.line = xml.lineNumber();
            } else if (name == QLatin1String("source"))
                current.source = xml.readElementText();
            else if (name == QLatin1String("translation")) {
                const QString type = xml.attributes().value(QLatin1String("type")).toString();
                current.unfinished = type == QLatin1String("unfinished") || type == QLatin1String("vanished")
                                  || type == QLatin1String("obsolete");
                if (!current.numerus)
                    current.translation = xml.readElementText();
            } else if (name == QLatin1String("numerusform"))
                current.forms.append(xml.readElementText());
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            out.append(current);
            current = Message{};
        }
    }
    if (xml.hasError())
        *error = QStringLiteral("%1:%2: %3").arg(file).arg(xml.lineNumber()).arg(xml.errorString());
    return out;
}

QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%(\\d+|n)"));
    QSet<QString> out;
    for (const auto &m : re.globalMatch(text))
        out.insert(m.captured(0));
    return out;
}

int accelerators(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("&(?=[^&\\s;])"));
    QString t = text;
    t.replace(QLatin1String("&&"), QString());
    int n = 0;
    for (auto it = re.globalMatch(t); it.hasNext(); it.next())
        ++n;
    return n;
}

} // namespace

class tst_Translations : public QObject
{
    Q_OBJECT
private slots:
    void complete_data()
    {
        QTest::addColumn<QString>("file");
        const QDir dir(QStringLiteral(ATALAIA_SOURCE_DIR "/translations"));
        const QStringList files = dir.entryList({QStringLiteral("*.ts")}, QDir::Files);
        QVERIFY(!files.isEmpty());
        for (const QString &f : files)
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }

    void complete()
    {
        QFETCH(QString, file);
        QString error;
        const QList<Message> messages = readTs(file, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(messages.size() > 100, "the translation file has almost nothing in it");
        QStringList problems;
        for (const Message &m : messages) {
            const QString where = QStringLiteral("%1:%2 [%3] \"%4\"").arg(QFileInfo(file).fileName()).arg(m.line).arg(m.context, m.source);
            const QStringList texts = m.numerus ? m.forms : QStringList{m.translation};
            if (m.unfinished || texts.isEmpty() || std::any_of(texts.begin(), texts.end(), [](const QString &t) { return t.trimmed().isEmpty(); })) {
                problems << where + QStringLiteral(": not translated (or marked unfinished)");
                continue;
            }
            if (m.numerus && m.forms.size() != 2)
                problems << where + QStringLiteral(": Portuguese needs 2 plural forms, found %1").arg(m.forms.size());
            for (const QString &t : texts) {
                if (placeholders(t) != placeholders(m.source) && !(m.numerus && placeholders(t) + QSet<QString>{QStringLiteral("%n")} == placeholders(m.source) + QSet<QString>{QStringLiteral("%n")}))
                    problems << where + QStringLiteral(": placeholders differ in \"%1\"").arg(t);
                if (accelerators(t) != accelerators(m.source))
                    problems << where + QStringLiteral(": keyboard accelerator '&' count differs in \"%1\"").arg(t);
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("%1 problem(s):\n").arg(problems.size()) + problems.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(tst_Translations)
#include "tst_Translations.moc"
