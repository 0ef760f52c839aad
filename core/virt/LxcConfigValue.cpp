#include "LxcConfigValue.h"

#include "config/GuestConfigSyntax.h"
#include "schema/ParameterSet.h"
#include "schema/PropertyString.h"
#include "schema/ValueValidator.h"

namespace atalaia::virt {

namespace {

const schema::PropertySchema *schemaOf(const QString &key)
{
    return config::guest::fileKeys(config::guest::GuestKind::Lxc).find(key);
}

} // namespace

std::unexpected<Error> lxcBad(const QString &key, const QString &why)
{
    return fail(Code::InvalidArgument, QStringLiteral("%1: %2").arg(key, why));
}

Result<void> lxcCheckValue(const QString &key, const QString &value)
{
    const schema::PropertySchema *property = schemaOf(key);
    if (!property)
        return lxcBad(key, QStringLiteral("not a container config key"));
    for (const schema::ValueProblem &problem : schema::validateValue(*property, value))
        if (problem.severity == schema::ValueProblem::Severity::Error)
            return lxcBad(key, problem.message);
    return {};
}

Result<LxcProps> lxcProps(const QString &key, const QString &value)
{
    if (Result<void> ok = lxcCheckValue(key, value); !ok)
        return std::unexpected(ok.error());
    const schema::PropertySchema *property = schemaOf(key);
    const QString defaultKey = property->propertyString ? property->propertyString->defaultKey : QString();
    const schema::PropertyStringParse parsed = schema::parsePropertyString(value);
    if (!parsed.error.isEmpty())
        return lxcBad(key, parsed.error);
    LxcProps p;
    for (const schema::PropertyStringItem &item : parsed.items) {
        if (item.key.isEmpty() && defaultKey.isEmpty())
            return lxcBad(key, QStringLiteral("'%1' needs a name (NAME=VALUE)").arg(item.value));
        p.values.insert(item.key.isEmpty() ? defaultKey : item.key, item.value);
    }
    return p;
}

bool lxcBool(const QString &value)
{
    return schema::parseBoolean(value).value_or(false);
}

} // namespace atalaia::virt
