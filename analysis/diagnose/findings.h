#pragma once

#include "diagnose/analysisconfig.h"
#include "diagnose/incidentsignals.h"
#include "import/importresult.h"

#include <vector>

namespace gd {

/// What a server's findings are judged on, in time order:
/// * the lines of one ticket (a small server of loose text: pasted lines, container output) are one finding,
///   dated or not;
/// * otherwise runs of 502/504 failures (access log, or nginx error lines where no access log covers them),
///   split where their pattern changes;
/// * PHP-FPM-side episodes (crashes, emergency reloads, failed starts, max_children, time-limit kills, OOM
///   kills) at times no access log covers: they make nginx answer 502/504, though the bundle shows no
///   failure;
/// * the undated lines of a bundle, when they hold failures or such events.
/// `server` is one server's import (or the whole import when it is one server).
std::vector<EvidenceSet> findEvidenceSets(const ImportResult& server, const AnalysisConfig& config);

/// True for an event that, on PHP-FPM's or the system's side, makes nginx fail requests.
bool isFailureCause(const Timeline& timeline, std::size_t event);

} // namespace gd
