// The API's request decoding: a form body or query string (as the transport
// splits it) and the schema-driven parameter validator, for every route of
// the schema. No crash, no sanitizer report, and every answer is either typed
// parameters or per-parameter errors.
#include "FuzzCheck.h"
#include "api/ParameterDecoder.h"
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
    const QString form = QString::fromUtf8(reinterpret_cast<const char *>(data + 2), qsizetype(size - 2));
    QJsonObject raw;
    for (const auto &[key, value] : QUrlQuery(form).queryItems(QUrl::FullyDecoded))
        raw.insert(key, value);
    const auto decoded = api::decodeParameters(route, raw, {});
    if (!decoded && decoded.error().isEmpty())
        std::abort(); // a refusal must say why
    return 0;
}
