#pragma once

#include "shell/serverzone.h"

#include <QString>
#include <QTimeZone>
#include <cstdint>
#include <optional>

namespace gd {

/// How the workbench shows instants: in the server's zone, in UTC or in this computer's zone.
/// A small value handed from the window to every panel (MainWindow::timeDisplayChanged).
class TimeDisplay {
public:
    enum class Mode : std::uint8_t { ServerLocal, Utc, ThisComputer };

    TimeDisplay() = default;
    TimeDisplay(Mode mode, ServerZone server);

    Mode mode() const { return mode_; }
    const ServerZone& serverZone() const { return server_; }
    /// False when server-local times cannot be shown exactly and UTC is shown instead.
    bool isExact() const { return mode_ != Mode::ServerLocal || server_.isExact(); }

    std::int32_t offsetAtUtc(std::int64_t utcMs) const;
    /// "2026-11-24 10:51:32" (with ".123" when `withMillis`).
    QString dateTime(std::int64_t utcMs, bool withMillis = false) const;
    /// "10:51:32" (with ".123" when `withMillis`).
    QString time(std::int64_t utcMs, bool withMillis = false) const;
    /// "2026-11-24 10:51:32 – 11:02:55"; the date is repeated only when it changes.
    QString span(std::int64_t firstUtcMs, std::int64_t lastUtcMs) const;
    /// The zone the times are shown in, for labels and headers: "Europe/Amsterdam", "UTC", ...
    QString zoneLabel() const;

    /// Stable keys for settings: "server", "utc", "local".
    static QString modeKey(Mode mode);
    static std::optional<Mode> modeFromKey(const QString& key);

    bool operator==(const TimeDisplay& other) const
    {
        return mode_ == other.mode_ && server_ == other.server_;
    }

private:
    Mode mode_ = Mode::ServerLocal;
    ServerZone server_;
    QTimeZone system_ = QTimeZone::systemTimeZone();
};

} // namespace gd
