#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace atalaia::api::client {

// Parameters as Proxmox VE clients send them (pvesh, proxmoxer, the web GUI):
// application/x-www-form-urlencoded, in the body of POST and PUT and in the
// query string of GET and DELETE.
//
//   string          as is
//   boolean         1 or 0 (Proxmox's integer booleans)
//   number          its shortest exact decimal text ("2", "0.5")
//   array           the key repeated once per element ("delete" lists,
//                   "-list" parameters); the server turns repeats into arrays
//   object          its compact JSON text (no Proxmox parameter takes one;
//                   kept so nothing is silently dropped)
//   null/undefined  left out, as if not given
//
// Keys come out in sorted order, so an encoding is reproducible.
class FormEncoder
{
public:
    static QByteArray encode(const QJsonObject &params);
    // One scalar as form text (what encode() puts after "key=").
    static QString valueText(const QJsonValue &value);
};

} // namespace atalaia::api::client
