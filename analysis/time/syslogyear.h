#pragma once

#include "model/event.h"

#include <cstdint>
#include <vector>

namespace gd {

/// Gives year-less syslog readings (placeholder year 2000) their real year.
/// `times` are the readings of one rotation family in file order, oldest file first.
/// The newest reading gets the latest year that does not put it after `anchorCivilMs` (the newest
/// dated reading of the bundle, plus a day of slack); walking back, every Jan→Dec step back is a
/// year boundary. Downloaded bundles lose file mtimes, so they are not used.
void assignSyslogYears(std::vector<CivilMs*>& times, CivilMs anchorCivilMs);

} // namespace gd
