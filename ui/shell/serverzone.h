#pragma once

#include "time/offsettimeline.h"
#include <QString>

#include <QTimeZone>
#include <cstdint>
#include <vector>

namespace gd {

struct ImportResult;

/// The server's zone as the workbench knows it from an import: a zone database entry, a fixed
/// offset, or the offsets learned from the access logs with the times they changed.
class ServerZone {
public:
    ServerZone() = default;
    /// Reads `ImportResult::serverTimeZone`: an IANA id, "UTC+01:00", or "UTC+01:00 then UTC+02:00".
    static ServerZone fromText(const QString& text);
    static ServerZone fromImport(const ImportResult& result);

    /// False when nothing is known, or when the offset changed at a time the workbench cannot place.
    bool isExact() const { return zone_.isValid() || !offsets_.isEmpty(); }
    /// What the import said, e.g. "Europe/Amsterdam" or "UTC+01:00 then UTC+02:00".
    const QString& text() const { return text_; }
    /// The import has several servers in different zones: no one server-local time fits them all.
    bool severalZones() const { return severalZones_; }
    /// Distinct offsets in order, when the text listed offsets (empty for a zone id).
    const std::vector<std::int32_t>& learnedOffsets() const { return learnedOffsets_; }
    /// Offset at `utcMs`; 0 when not exact.
    std::int32_t offsetAtUtc(std::int64_t utcMs) const;

    /// "UTC+01:00" for 3600; "UTC" for 0.
    static QString formatOffset(std::int32_t offsetSec);
    /// Parses "UTC+01:00" / "UTC-05:30" / "UTC"; false on anything else.
    static bool parseOffset(const QString& text, std::int32_t* offsetSec);

    bool operator==(const ServerZone& other) const
    {
        return text_ == other.text_ && severalZones_ == other.severalZones_;
    }

private:
    QString text_;
    bool severalZones_ = false;
    QTimeZone zone_;
    OffsetTimeline offsets_; ///< learned spans, when the import had no zone database entry
    std::vector<std::int32_t> learnedOffsets_;
};

} // namespace gd
