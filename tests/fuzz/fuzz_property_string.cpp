#include "FuzzCheck.h"
#include "schema/ApiSchema.h"
#include "schema/ValueValidator.h"

using namespace atalaia::schema;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    // The first byte picks a property, the rest is its value.
    static const QList<const PropertySchema *> kProperties = [] {
        QList<const PropertySchema *> list;
        const ParameterSet *qemu = ApiSchema::instance().parameters(QStringLiteral("/nodes/{node}/qemu/{vmid}/config"),
                                                                    QStringLiteral("POST"));
        const ParameterSet *lxc = ApiSchema::instance().parameters(QStringLiteral("/nodes/{node}/lxc/{vmid}/config"),
                                                                   QStringLiteral("PUT"));
        for (const ParameterSet *set : {qemu, lxc})
            if (set)
                for (const PropertySchema &p : set->properties())
                    list.append(&p);
        return list;
    }();
    if (kProperties.isEmpty())
        return 0;
    const PropertySchema &property = *kProperties.at(data[0] % kProperties.size());
    const QString value = QString::fromUtf8(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    for (const ValueProblem &problem : validateValue(property, value)) {
        if (problem.offset < 0 || problem.offset > value.size() || problem.message.isEmpty())
            std::abort();
    }
    return 0;
}
