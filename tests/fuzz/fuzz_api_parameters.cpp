// The API's request decoding: a form body (split by requestParameters, as
// the transport does) and the schema-driven parameter validator, for every route of
// the schema. No crash, no sanitizer report, and every answer is either typed
// parameters or per-parameter errors.
#include "FuzzCheck.h"
#include "api/ParameterDecoder.h"
#include "api/RequestParameters.h"
#include "schema/ApiSchema.h"

#include <QUrlQuery>

using namespace atalaia;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    static const QList<const schema::ParameterSet *> kRoutes = [] {
        QList<const schema::ParameterSet *> list;
        const auto &schema = schema::ApiSchema::instance();
        for (const QString &path : schema.paths())
            for (const char *method : {"GET", "POST", "PUT", "DELETE"})
                if (const auto *set = schema.parameters(path, QString::fromLatin1(method)))
                    list.append(set);
        return list;
    }();
    const schema::ParameterSet *route = kRoutes.at((data[0] | data[1] << 8) % kRoutes.size());
    // The form body as the transport takes it apart (requestParameters: it
    // refuses parameter names that are not ASCII, which Qt 6.8's QJsonObject
    // lookups cannot take safely).
    const QByteArray form(reinterpret_cast<const char *>(data + 2), qsizetype(size - 2));
    const auto raw = api::requestParameters(QUrlQuery(), QByteArrayView(), form);
    if (!raw) {
        if (raw.error().isEmpty())
            std::abort(); // a refused body must say why
        return 0;
    }
    const auto decoded = api::decodeParameters(route, *raw, {});
    if (!decoded && decoded.error().isEmpty())
        std::abort(); // a refusal must say why
    return 0;
}
