#pragma once
// The readable summary printed after a run: per unit, each metric's mean and 95 % interval
// with its unit, aligned.
#include <string>

#include "experiment.hpp"
#include "terminal_style.hpp"

namespace kapsim::app {

std::string summary_table(const RunOutcome& outcome, const TerminalStyle& style = TerminalStyle::plain());

}  // namespace kapsim::app
