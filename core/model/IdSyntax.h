#pragma once

#include <QStringView>

// Character rules of the PVE identifier formats (pve-node, pve-realm, the
// token sub-id, pve-userid), shared by the id types. Internal to core/model.
namespace atalaia::model::idsyntax {

// pve-node: [a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?  (no length limit in PVE).
bool isNodeName(QStringView text);

// pve-realm and the API token name: [A-Za-z][A-Za-z0-9.\-_]+  (two or more).
bool isRealmLike(QStringView text);

// The name part of pve-userid: [^\s:/]+  ('@' and '!' are allowed; see UserId).
bool isUserName(QStringView text);

// Length in Unicode code points, which is what Perl's length() counts.
qsizetype codePointLength(QStringView text);

} // namespace atalaia::model::idsyntax
