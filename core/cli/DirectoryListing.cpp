#include "DirectoryListing.h"

#include "schema/ApiSchema.h"

#include <QJsonArray>
#include <QJsonObject>

#include <limits>

namespace atalaia::cli {

namespace {

bool isParameter(const QString &segment)
{
    return segment.startsWith(QLatin1Char('{')) && segment.endsWith(QLatin1Char('}'));
}

// The child's name in one element of a listing: the link's property, else
// the usual identifying properties.
QString childName(const QJsonValue &element, const QString &linkProperty)
{
    if (element.isString())
        return element.toString();
    const QJsonObject object = element.toObject();
    if (!linkProperty.isEmpty() && object.contains(linkProperty))
        return object.value(linkProperty).toVariant().toString();
    for (const char *key : {"subdir", "name", "id", "vmid", "node", "userid", "groupid", "roleid", "realm", "upid"})
        if (object.contains(QLatin1String(key)))
            return object.value(QLatin1String(key)).toVariant().toString();
    return {};
}

QString flagsFor(const QString &childPath)
{
    const QString schemaPath = DirectoryListing::schemaPath(childPath);
    if (schemaPath.isEmpty())
        return QStringLiteral("-----");
    const schema::ApiSchema &schema = schema::ApiSchema::instance();
    bool directory = false;
    const QString prefix = schemaPath + QLatin1Char('/');
    for (const QString &path : schema.paths())
        directory = directory || path.startsWith(prefix);
    auto has = [&](const char *method) { return !schema.method(schemaPath, QLatin1String(method)).isEmpty(); };
    QString flags;
    flags += directory ? QLatin1Char('D') : QLatin1Char('-');
    flags += has("GET") ? QLatin1Char('r') : QLatin1Char('-');
    flags += has("PUT") ? QLatin1Char('w') : QLatin1Char('-');
    flags += has("POST") ? QLatin1Char('c') : QLatin1Char('-');
    flags += has("DELETE") ? QLatin1Char('d') : QLatin1Char('-');
    return flags;
}

} // namespace

QString DirectoryListing::schemaPath(const QString &path)
{
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QString best;
    int bestParameters = std::numeric_limits<int>::max();
    for (const QString &candidate : schema::ApiSchema::instance().paths()) {
        const QStringList segments = candidate.split(QLatin1Char('/'), Qt::SkipEmptyParts);
        if (segments.size() != parts.size())
            continue;
        int parameters = 0;
        bool matches = true;
        for (qsizetype i = 0; matches && i < segments.size(); ++i) {
            if (isParameter(segments[i]))
                ++parameters;
            else
                matches = segments[i] == parts[i];
        }
        if (matches && parameters < bestParameters) {
            best = candidate;
            bestParameters = parameters;
        }
    }
    return best;
}

QList<DirectoryListing::Entry> DirectoryListing::entries(const QString &path, const QJsonValue &data)
{
    const QString base = path.endsWith(QLatin1Char('/')) ? path.chopped(1) : path;
    QString linkProperty;
    const QString schemaPath = DirectoryListing::schemaPath(base);
    if (!schemaPath.isEmpty()) {
        const QJsonArray links = schema::ApiSchema::instance()
                                     .method(schemaPath, QStringLiteral("GET"))
                                     .value(QLatin1String("returns")).toObject()
                                     .value(QLatin1String("links")).toArray();
        const QString href = links.isEmpty() ? QString()
                                             : links.first().toObject().value(QLatin1String("href")).toString();
        if (isParameter(href))
            linkProperty = href.mid(1, href.size() - 2);
    }
    QList<Entry> list;
    const QJsonArray elements = data.toArray();
    for (const QJsonValue &element : elements) {
        const QString name = childName(element, linkProperty);
        if (!name.isEmpty())
            list.append(Entry{name, flagsFor(base + QLatin1Char('/') + name)});
    }
    std::sort(list.begin(), list.end(), [](const Entry &a, const Entry &b) { return a.name < b.name; });
    return list;
}

QString DirectoryListing::text(const QList<Entry> &entries)
{
    QString text;
    for (const Entry &entry : entries)
        text += entry.flags + QStringLiteral("        ") + entry.name + QLatin1Char('\n');
    return text;
}

QJsonValue DirectoryListing::json(const QList<Entry> &entries)
{
    QJsonArray list;
    for (const Entry &entry : entries)
        list.append(QJsonObject{{QStringLiteral("name"), entry.name}, {QStringLiteral("flags"), entry.flags}});
    return list;
}

} // namespace atalaia::cli
