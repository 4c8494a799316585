#pragma once

#include <fstream>
#include <string>

namespace gd::bench {

/// Peak resident set size in MB (VmHWM), or -1 where the platform does not tell us cheaply.
inline double peakRssMb()
{
#ifdef __linux__
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);) {
        if (line.rfind("VmHWM:", 0) == 0)
            return std::stod(line.substr(6)) / 1024.0; // value is in kB
    }
#endif
    return -1.0;
}

} // namespace gd::bench
