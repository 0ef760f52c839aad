#pragma once

#include <QObject>
#include <QStringList>

#include <memory>

class QTranslator;

namespace atalaia::ui {

// Switches the console's language while it runs: installs the translators
// for the chosen language (the console's own strings and Qt's) and sets the
// default locale for dates, numbers and sizes. Installing a translator sends
// every widget a LanguageChange event; widgets re-set their texts there.
class LanguageSwitcher : public QObject
{
    Q_OBJECT
public:
    explicit LanguageSwitcher(QObject *parent = nullptr);
    ~LanguageSwitcher() override;

    // "en" (the source strings) and every compiled-in translation ("pt_PT").
    static QStringList available();
    static QString displayName(const QString &language);

    QString current() const { return m_current; }
    // False when LANGUAGE has no compiled-in translation.
    bool setLanguage(const QString &language);

signals:
    void languageChanged(const QString &language);

private:
    QString m_current = QStringLiteral("en");
    std::unique_ptr<QTranslator> m_ours;
    std::unique_ptr<QTranslator> m_qt;
};

} // namespace atalaia::ui
