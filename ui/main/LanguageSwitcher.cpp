#include "LanguageSwitcher.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace atalaia::ui {

namespace {
// Where qt_add_translations puts the compiled .qm files (see ui/CMakeLists.txt).
const QString kResourceDir = QStringLiteral(":/i18n");
}

LanguageSwitcher::LanguageSwitcher(QObject *parent)
    : QObject(parent)
{
}

LanguageSwitcher::~LanguageSwitcher()
{
    if (m_ours)
        QCoreApplication::removeTranslator(m_ours.get());
    if (m_qt)
        QCoreApplication::removeTranslator(m_qt.get());
}

QStringList LanguageSwitcher::available()
{
    QStringList languages{QStringLiteral("en")};
    for (const QString &file : QDir(kResourceDir).entryList({QStringLiteral("atalaia_*.qm")}, QDir::Files, QDir::Name))
        languages.append(file.mid(8, file.size() - 8 - 3));
    return languages;
}

QString LanguageSwitcher::displayName(const QString &language)
{
    const QLocale locale(language);
    QString name = locale.nativeLanguageName();
    if (language.contains(QLatin1Char('_')))
        name += QStringLiteral(" (%1)").arg(locale.nativeTerritoryName());
    return name.isEmpty() ? language : name.left(1).toUpper() + name.mid(1);
}

bool LanguageSwitcher::setLanguage(const QString &language)
{
    if (!available().contains(language))
        return false;
    if (m_ours) {
        QCoreApplication::removeTranslator(m_ours.get());
        m_ours.reset();
    }
    if (m_qt) {
        QCoreApplication::removeTranslator(m_qt.get());
        m_qt.reset();
    }
    QLocale::setDefault(QLocale(language == QLatin1String("en") ? QStringLiteral("en_GB") : language));
    if (language != QLatin1String("en")) {
        auto ours = std::make_unique<QTranslator>();
        if (ours->load(QStringLiteral("atalaia_") + language, kResourceDir)) {
            QCoreApplication::installTranslator(ours.get());
            m_ours = std::move(ours);
        }
        // Qt's own strings (dialog buttons, context menus): from the system's Qt translations.
        auto qt = std::make_unique<QTranslator>();
        // Debian has no qtbase_pt_PT, only the older all-of-Qt catalogue qt_pt_PT.
        const QString dir = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
        if (qt->load(QLocale(language), QStringLiteral("qtbase"), QStringLiteral("_"), dir)
            || qt->load(QLocale(language), QStringLiteral("qt"), QStringLiteral("_"), dir)) {
            QCoreApplication::installTranslator(qt.get());
            m_qt = std::move(qt);
        }
    }
    m_current = language;
    // Installing and removing translators both send LanguageChange to every widget.
    emit languageChanged(language);
    return true;
}

} // namespace atalaia::ui
