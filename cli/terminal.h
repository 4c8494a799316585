#pragma once

#include <cstdio>

namespace gd {

/// True when `stream` is an interactive terminal (progress lines make sense there).
bool isTerminal(std::FILE* stream);

} // namespace gd
