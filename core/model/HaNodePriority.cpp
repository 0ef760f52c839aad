#include "HaNodePriority.h"

#include "Tr.h"

namespace atalaia::model {

Result<HaNodePriority> HaNodePriority::parse(QStringView text)
{
    const qsizetype colon = text.indexOf(u':');
    Result<NodeId> node = NodeId::parse(colon < 0 ? text : text.left(colon));
    if (!node)
        return std::unexpected(node.error());
    HaNodePriority entry{*node, std::nullopt};
    if (colon >= 0) {
        const QStringView digits = text.mid(colon + 1);
        bool ok = !digits.isEmpty();
        for (QChar c : digits)
            ok = ok && c >= u'0' && c <= u'9';
        const quint32 priority = ok ? digits.toUInt(&ok) : 0;
        if (!ok)
            return fail(Code::ModelInvalidId,
                        Tr::tr("\"%1\" is not a valid HA node entry (expected node or node:priority)")
                            .arg(text));
        entry.priority = priority;
    }
    return entry;
}

QString HaNodePriority::toString() const
{
    if (!priority)
        return node.toString();
    return node.toString() + u':' + QString::number(*priority);
}

} // namespace atalaia::model
