#pragma once

#include "cluster/JoinInformation.h"

#include <QDialog>

class QPlainTextEdit;

namespace atalaia::ui {

// Datacenter → Cluster → Join Information, as Proxmox VE shows it: the
// address and certificate fingerprint of the node that made it, and the
// blob to paste into Join Cluster on the joining node, with a copy button.
class JoinInformationDialog : public QDialog
{
    Q_OBJECT
public:
    JoinInformationDialog(const cluster::JoinInformation &info, QWidget *parent = nullptr);
    QString blob() const;

private:
    QPlainTextEdit *m_blob = nullptr;
};

} // namespace atalaia::ui
