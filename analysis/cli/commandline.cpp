#include "cli/commandline.h"

#include <cstring>

namespace gd {

bool isHeadlessCommand(const char* arg)
{
    for (const char* command : {"inspect", "analyze", "--help", "-h", "--version", "-v", "help"}) {
        if (std::strcmp(arg, command) == 0)
            return true;
    }
    return false;
}

int runCommandLine(const QStringList&) { return 2; }

} // namespace gd
