#pragma once

#include "diagnose/incident.h"

#include <QAbstractTableModel>
#include <QStringList>
#include <cstdint>
#include <functional>
#include <vector>

namespace gd {

/// The evidence lines of one incident: role, time, source:line and the line's text (filled in later,
/// when it has been read from the bundle off the UI thread).
class EvidenceModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { RoleColumn, TimeColumn, LocationColumn, TextColumn, ColumnCount };
    enum Role { SourceRole = Qt::UserRole + 1, LineRole };

    explicit EvidenceModel(QObject* parent = nullptr);

    /// `sourcePaths` are the import's source display paths, indexed like EvidenceLine::source.
    void setEvidence(std::vector<EvidenceLine> evidence, QStringList sourcePaths);
    /// Texts of the lines, in the order of the evidence (shorter lists leave the rest empty).
    void setTexts(const QStringList& texts);
    void setTimeFormatter(std::function<QString(std::int64_t utcMs)> formatter);

    const std::vector<EvidenceLine>& evidence() const { return evidence_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString sourcePath(std::uint16_t source) const;

    std::vector<EvidenceLine> evidence_;
    QStringList sourcePaths_;
    QStringList texts_;
    std::function<QString(std::int64_t)> formatTime_;
};

} // namespace gd
