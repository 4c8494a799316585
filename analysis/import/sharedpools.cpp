#include "import/sharedpools.h"

#include "import/parsedsource.h"

#include <algorithm>

namespace gd {

namespace {

template <typename T> void remap(std::vector<T>& ids, const std::vector<std::uint32_t>& map)
{
    // Group ids are 16 bits wide: past 65 535 distinct pool names, the rest share the last id.
    constexpr std::uint32_t kMax = std::numeric_limits<T>::max();
    for (T& id : ids)
        id = static_cast<T>(std::min(map[id], kMax));
}

} // namespace

void SharedPools::adopt(ParsedSource& source)
{
    std::vector<std::uint32_t> hostMap, targetMap, clientMap, groupMap, frameMap;
    {
        std::lock_guard lock(mutex_);
        hostMap = hosts.internAll(source.hosts);
        targetMap = targets.internAll(source.targets);
        clientMap = clients.internAll(source.clients);
        groupMap = groups.internAll(source.groups);
        frameMap = frames.internAll(source.frames);
    }
    source.hosts = StringPool();
    source.targets = StringPool();
    source.clients = StringPool();
    source.groups = StringPool();
    source.frames = StringPool();
    EventColumns& events = source.events;
    remap(events.host, hostMap);
    remap(events.target, targetMap);
    remap(events.client, clientMap);
    remap(events.group, groupMap);
    for (SlowTrace& trace : source.slowTraces) {
        trace.script = targetMap[trace.script];
        for (SlowFrame& frame : trace.frames) {
            frame.function = frameMap[frame.function];
            frame.file = frameMap[frame.file];
        }
    }
    source.idsShared = true;
}

} // namespace gd
