#include "ParameterSet.h"

namespace atalaia::schema {

void ParameterSet::insert(PropertySchema property)
{
    if (property.name.endsWith(QLatin1String("[n]")))
        m_indexedPrefixes.insert(property.name.chopped(3), property.name);
    m_properties.insert(property.name, std::move(property));
}

const PropertySchema *ParameterSet::find(QStringView key) const
{
    if (auto it = m_properties.constFind(key.toString()); it != m_properties.cend())
        return &it.value();
    qsizetype digits = 0;
    while (digits < key.size() && key.at(key.size() - 1 - digits).isDigit())
        ++digits;
    if (digits == 0 || digits == key.size())
        return nullptr;
    const auto indexed = m_indexedPrefixes.constFind(key.chopped(digits).toString());
    if (indexed == m_indexedPrefixes.cend())
        return nullptr;
    return &m_properties.find(indexed.value()).value();
}

} // namespace atalaia::schema
