#include "Router.h"

#include "schema/ApiSchema.h"

namespace atalaia::api {

namespace {

QStringList splitPath(const QString &path)
{
    return path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
}

bool isParameter(const QString &segment)
{
    return segment.startsWith(QLatin1Char('{')) && segment.endsWith(QLatin1Char('}'));
}

Route::Audience audienceOf(const QJsonObject &permissions)
{
    const QString user = permissions.value(QLatin1String("user")).toString();
    if (user == QLatin1String("world"))
        return Route::Audience::World;
    if (user == QLatin1String("all"))
        return Route::Audience::AnyUser;
    return Route::Audience::Checked;
}

} // namespace

void Router::add(const QString &method, const QString &pathTemplate, Handler handler)
{
    const auto &schema = schema::ApiSchema::instance();
    const QJsonObject definition = schema.method(pathTemplate, method);
    if (definition.isEmpty())
        qFatal("API route %s %s is not in the Proxmox API schema", qPrintable(method), qPrintable(pathTemplate));
    auto route = std::make_shared<Route>();
    route->method = method;
    route->pathTemplate = pathTemplate;
    route->parameters = schema.parameters(pathTemplate, method);
    route->permissions = definition.value(QLatin1String("permissions")).toObject();
    route->audience = audienceOf(route->permissions);
    route->allowToken = definition.value(QLatin1String("allowtoken")).toInt(1) != 0;
    route->isProtected = definition.value(QLatin1String("protected")).toInt(0) != 0;
    route->handler = std::move(handler);
    insert(std::move(route));
}

void Router::addExtension(const QString &method, const QString &pathTemplate, schema::ParameterSet parameters,
                          QJsonObject permissions, Handler handler)
{
    Q_ASSERT(pathTemplate.startsWith(QLatin1String("/atalaia/")));
    auto route = std::make_shared<Route>();
    route->method = method;
    route->pathTemplate = pathTemplate;
    m_extensionParameters.push_back(std::make_unique<schema::ParameterSet>(std::move(parameters)));
    route->parameters = m_extensionParameters.back().get();
    route->permissions = std::move(permissions);
    route->audience = audienceOf(route->permissions);
    route->handler = std::move(handler);
    insert(std::move(route));
}

void Router::insert(std::shared_ptr<Route> route)
{
    route->segments = splitPath(route->pathTemplate);
    m_routes.append(std::move(route));
}

Result<Router::Match> Router::match(const QString &method, const QString &path) const
{
    const QStringList segments = splitPath(path);
    bool pathExists = false;
    for (const auto &route : m_routes) {
        // A volume id ("local:iso/debian.iso") holds slashes, and the path
        // arrives decoded (an encoded %2F is a '/' by then): a route's last
        // segment {volume} takes the rest of the path.
        const qsizetype count = route->segments.size();
        const bool restIsVolume = count > 0 && route->segments.last() == u"{volume}";
        if (restIsVolume ? segments.size() < count : segments.size() != count)
            continue;
        Match m;
        bool matches = true;
        for (qsizetype i = 0; i < count && matches; ++i) {
            const QString &pattern = route->segments[i];
            if (restIsVolume && i == count - 1)
                m.pathParams.insert(QStringLiteral("volume"), segments.mid(i).join(QLatin1Char('/')));
            else if (isParameter(pattern))
                m.pathParams.insert(pattern.mid(1, pattern.size() - 2), segments[i]);
            else
                matches = pattern == segments[i];
        }
        if (!matches)
            continue;
        pathExists = true;
        if (route->method == method) {
            m.route = route.get();
            return m;
        }
    }
    if (pathExists)
        return fail(Code::ApiMethodNotAllowed, QStringLiteral("Method '%1 %2' not implemented").arg(method, path));
    return fail(Code::ApiNotFound, QStringLiteral("No '%1' handler for '%2'").arg(method, path));
}

} // namespace atalaia::api
