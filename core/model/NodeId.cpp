#include "NodeId.h"

#include "IdSyntax.h"
#include "Tr.h"

namespace atalaia::model {

Result<NodeId> NodeId::parse(QStringView text)
{
    if (!idsyntax::isNodeName(text))
        return fail(Code::ModelInvalidId,
                    Tr::tr("\"%1\" is not a valid node name (letters, digits and inner hyphens)")
                        .arg(text));
    return NodeId(text.toString());
}

} // namespace atalaia::model
