// One API request past Qt's HTTP parser, as HttpsServer and the Dispatcher
// take it apart: the target's path matched against every route, the query
// string and the body (form, JSON or another content type) turned into raw
// parameters (requestParameters), those validated and typed against the
// route's schema (decodeParameters), and the cookie header split. No crash,
// no sanitizer report (JSON numbers of any size reach the validator here,
// which fuzz_api_parameters' text-only values never do), and every refusal
// says why.
//
// Input: byte 0 picks the method and the content type, byte 1 the route used
// when the path matches none (so bodies reach every route's validator without
// the fuzzer first finding a path); then the request target
// ("/access/users/x?a=b", percent-encoded as on the wire), a NUL, and the
// body (also used as a Cookie header).
#include "api/ApiRequest.h"
#include "api/ParameterDecoder.h"
#include "api/RequestParameters.h"
#include "api/Router.h"
#include "api/routes/Routes.h"

#include <QUrl>
#include <QUrlQuery>

#include <cstdlib>

using namespace atalaia;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    static const api::Router *const kRouter = [] {
        auto *router = new api::Router;
        api::registerAllRoutes(*router);
        return router;
    }();
    static const char *const kMethods[] = {"GET", "POST", "PUT", "DELETE", "PATCH"};
    static const char *const kTypes[] = {"", "application/x-www-form-urlencoded", "application/json",
                                         "application/json; charset=utf-8", "text/plain", "APPLICATION/JSON"};
    const QString method = QString::fromLatin1(kMethods[data[0] % std::size(kMethods)]);
    const QByteArrayView contentType(kTypes[data[0] / std::size(kMethods) % std::size(kTypes)]);

    const QByteArray rest(reinterpret_cast<const char *>(data + 2), qsizetype(size - 2));
    const qsizetype nul = rest.indexOf('\0');
    const QByteArray target = nul < 0 ? rest : rest.first(nul);
    const QByteArray body = nul < 0 ? QByteArray() : rest.sliced(nul + 1);

    // As HttpsServer: the path fully decoded, the query as Qt parsed it.
    const QUrl url = QUrl::fromEncoded(target);
    const QString path = url.path(QUrl::FullyDecoded);
    const auto params = api::requestParameters(QUrlQuery(url), contentType, body);
    if (!params && params.error().isEmpty())
        std::abort(); // a refused body must say why

    api::ApiRequest request;
    request.headers.insert("cookie", body);
    (void)request.cookie("PVEAuthCookie");

    const auto match = kRouter->match(method, path);
    if (!match && match.error().message.isEmpty())
        std::abort();
    if (!params)
        return 0;
    const auto &routes = kRouter->routes();
    const api::Route &route = match ? *match->route : *routes.at(data[1] % routes.size());
    const auto decoded = api::decodeParameters(route.parameters, *params,
                                               match ? match->pathParams : QHash<QString, QString>());
    if (!decoded && decoded.error().isEmpty())
        std::abort(); // a refusal must say why
    return 0;
}
