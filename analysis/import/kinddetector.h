#pragma once

#include "model/logkind.h"
#include "parse/logparser.h"

#include <QString>
#include <string_view>

namespace gd {

struct KindDecision {
    LogKind kind = LogKind::Unknown; ///< of the whole file, or of most of its lines when `loose`
    /// Loose text: pasted, quoted or wrapped lines, maybe of several kinds. Read through a LineRouter, each
    /// line by the kind that reads it, instead of by one parser.
    bool loose = false;
    bool isConfig = false; ///< not a log, but a config file the analysis may use
    QString skipReason;    ///< why the file is not read, when kind is Unknown and it is not config
};

/// Decides what a file is from its first bytes; the file name only breaks ties.
KindDecision detectKind(std::string_view head, const QString& name, const ParserOptions& options);

/// True when the bytes look like text (few control bytes); logs with a stray NUL still pass.
bool looksLikeText(std::string_view head);

} // namespace gd
