#pragma once

#include "PropertySchema.h"

#include <QHash>
#include <QString>

namespace atalaia::schema {

// The parameters of one API method (or the properties of one config format).
// Indexed names like "net[n]" match "net0", "net1", ...
class ParameterSet
{
public:
    void insert(PropertySchema property);
    // The definition for a concrete key ("net3" finds "net[n]"), or nullptr.
    const PropertySchema *find(QStringView key) const;
    const QHash<QString, PropertySchema> &properties() const { return m_properties; }
    bool additionalProperties() const { return m_additionalProperties; }
    void setAdditionalProperties(bool allowed) { m_additionalProperties = allowed; }

private:
    QHash<QString, PropertySchema> m_properties;
    QHash<QString, QString> m_indexedPrefixes; // "net" -> "net[n]"
    bool m_additionalProperties = true;
};

} // namespace atalaia::schema
