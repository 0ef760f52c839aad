#pragma once

#include <QJsonValue>
#include <QList>
#include <QString>

namespace atalaia::cli {

// `atalaiactl ls PATH`, as pvesh lists a directory of the API tree: one line
// per child of PATH with what the child supports,
//
//   Dr--d        100
//
// D: it has children of its own; r, w, c, d: GET, PUT (set), POST (create)
// and DELETE exist. The children are the elements of PATH's GET answer,
// named by the property the schema's "links" give ("{subdir}", "{vmid}");
// what each supports comes from the API schema (core/schema). Paths the
// schema does not know still list, without flags ("-----").
class DirectoryListing
{
public:
    struct Entry {
        QString name;
        QString flags;   // "Dr--d"
    };

    static QList<Entry> entries(const QString &path, const QJsonValue &data);
    static QString text(const QList<Entry> &entries);
    static QJsonValue json(const QList<Entry> &entries);

    // The schema's path ("/nodes/{node}/tasks") for a concrete one
    // ("/nodes/node1/tasks"), preferring fixed segments; empty when unknown.
    static QString schemaPath(const QString &path);
};

} // namespace atalaia::cli
