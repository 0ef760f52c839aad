#pragma once

#include "ConfigFileBase.h"
#include "KeyValueEntry.h"

#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>

namespace atalaia::config {

// A Proxmox "section config" file: storage.cfg, domains.cfg, ha/groups.cfg,
// ha/resources.cfg, ha/rules.cfg, ...
//
//     type: id
//     <TAB>key value
//     <blank line>
//
// Comments ('#') and blank lines are kept; a blank line ends a section.
// Keys and values are views into the file's text (valid until the next edit).
class SectionConfigFile : public ConfigFileBase
{
public:
    using Property = KeyValueEntry;
    struct Section {
        QByteArrayView type;
        QByteArrayView id;
        qsizetype headerLine = 0;
        qsizetype lastLine = 0; // last property line (== headerLine when empty)
        QList<Property> properties;
        QString typeString() const { return QString::fromUtf8(type); }
        QString idString() const { return QString::fromUtf8(id); }
        const Property *find(QByteArrayView key) const;
    };
    // How a file's sections map onto the API schema: the method whose
    // parameters describe a section's properties, and the parameter that
    // carries the section id.
    struct Schema {
        QString apiPath;      // e.g. "/storage" (POST)
        QString idKey;        // e.g. "storage"
        QString typeKey = QStringLiteral("type");
    };

    SectionConfigFile() = default;
    static SectionConfigFile parse(QByteArray bytes, QString fileName, const Schema *schema = nullptr);

    const QList<Section> &sections() const { return m_sections; }
    const Section *find(QByteArrayView type, QByteArrayView id) const;

    // Typed edits: they change only the lines they must, then re-parse.
    bool setProperty(QByteArrayView type, QByteArrayView id, QByteArrayView key, QByteArrayView value);
    bool removeProperty(QByteArrayView type, QByteArrayView id, QByteArrayView key);
    void addSection(QByteArrayView type, QByteArrayView id, const QList<QPair<QByteArray, QByteArray>> &properties);
    bool removeSection(QByteArrayView type, QByteArrayView id);

private:
    SectionConfigFile(QByteArray bytes, QString fileName, const Schema *schema);
    void reparse();
    void validate();

    const Schema *m_schema = nullptr;
    QList<Section> m_sections;
};

} // namespace atalaia::config
