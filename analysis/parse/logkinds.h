#pragma once

#include "model/logkind.h"
#include "parse/logparser.h"

#include <QString>
#include <array>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

namespace gd {

/// Everything the program knows about one log kind, in one row. Every place that lists kinds reads this table
/// (detection, parser creation, ids in JSON and sessions, names in the window, highlighting), so a new format
/// is one row here, one parser file in parse/ and one golden folder tests/data/parsers/<id>/.
struct LogKindInfo {
    LogKind kind;
    std::string_view id;     ///< stable: JSON, sessions, golden folders
    const char* displayName; ///< English name for people, translated by logKindName()
    /// File-name fragments that only break a tie between equally good parses (content decides, never the
    /// name).
    std::array<std::string_view, 4> nameHints;
    std::string_view nameHintVeto; ///< a fragment that cancels the hints ("slow" for the PHP-FPM master log)
    std::unique_ptr<LogParser> (*makeParser)(const ParserOptions& options);
    /// Name of our KSyntaxHighlighting definition in resources/syntax/, empty when the built-in rules do.
    const char* syntaxDefinition;
    /// Detection may choose it for a file; false for the catch-all of loose text (LogKind::Text).
    bool detectable = true;
};

/// Every readable kind (not LogKind::Unknown), in enum order.
std::span<const LogKindInfo> logKinds();

/// The row of `kind`; nullptr for LogKind::Unknown.
const LogKindInfo* logKindInfo(LogKind kind);

/// Stable identifier ("nginx-access", ...; "unknown" for LogKind::Unknown).
std::string_view logKindId(LogKind kind);
std::optional<LogKind> logKindFromId(std::string_view id);

/// The kind's name for people ("nginx access log"), translated.
QString logKindName(LogKind kind);

/// True when the file name hints at `kind` (see LogKindInfo::nameHints).
bool nameHintsAt(const LogKindInfo& info, const QString& fileName);

} // namespace gd
