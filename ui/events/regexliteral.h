#pragma once

#include <QString>
#include <string>

namespace gd {

/// A piece of text every match of the regular expression `pattern` must contain, folded to ASCII
/// lower case, or empty when none can be told safely. A filter can then skip most strings with a
/// fast substring search before running the expression on the few that remain. Conservative: gives
/// up on alternation at the top level, inline options and quoting, and ignores the inside of
/// groups and classes. Only for case-insensitive matching of ASCII text: a string with other
/// characters must still go to the expression (Unicode case folding maps e.g. U+212A to "k").
std::string requiredLiteral(const QString& pattern);

} // namespace gd
