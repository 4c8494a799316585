#pragma once

#include <QString>
#include <cstdint>

namespace gd {

/// A message about the input for the user: names the file (and line when known).
struct Diagnostic {
    enum class Severity : std::uint8_t { Info, Warning, Error };
    Severity severity = Severity::Warning;
    QString path;           ///< display path of the file or archive member
    std::uint64_t line = 0; ///< 1-based; 0 when the message is about the whole file
    QString message;

    QString toText() const
    {
        const QString where = line > 0 ? path + u':' + QString::number(line) : path;
        return where + QStringLiteral(": ") + message;
    }
};

} // namespace gd
