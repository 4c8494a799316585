#pragma once

#include "model/event.h"

#include <QString>

namespace gd {

/// Short human text for what an event says (the message code), e.g. "upstream timed out".
QString eventCodeText(MessageCode code);
/// Level word as logs write it ("error", "crit"); empty for events without a level.
QString levelText(Level level);

} // namespace gd
