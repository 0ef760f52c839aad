#pragma once

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace atalaia::schema {

struct PropertyStringFormat;

// One parameter or property definition of the Proxmox VE API schema, compiled
// from its JSON form (see resources/pve-api/). Shared by the API's parameter
// validator and core/config's file validation.
struct PropertySchema {
    enum class Type { String, Integer, Number, Boolean, Array, Object, Null, Any };

    QString name;
    Type type = Type::Any;
    bool optional = true;
    QJsonValue defaultValue;
    QStringList enumValues;
    std::optional<double> minimum;
    std::optional<double> maximum;
    std::optional<qsizetype> minLength;
    std::optional<qsizetype> maxLength;
    QRegularExpression pattern;          // anchored; invalid when the schema has none
    QString namedFormat;                 // e.g. "pve-node", "mac-addr"
    std::shared_ptr<const PropertyStringFormat> propertyString; // "k=v,k=v" values
    QString typetext;
    QString description;
    QString alias;                       // property-string key that is another key's alias
    QString keyAlias;                    // e.g. net0's "virtio=MAC" sets model=virtio, macaddr=MAC
    bool defaultKey = false;             // the key a bare value in a property string belongs to
    QStringList instanceTypes;           // section-config types this property applies to

    static PropertySchema fromJson(const QString &name, const QJsonObject &json);
    static QString typeName(Type type);
    // How the docs print the expected value, for error messages.
    QString expectation() const;
};

// The sub-properties of a property string such as net0 or scsi0.
struct PropertyStringFormat {
    QHash<QString, PropertySchema> keys;
    QString defaultKey;
};

} // namespace atalaia::schema
