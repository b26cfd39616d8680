#pragma once
// `kapsim calibrate` with several targets and as many parameters: say the acute and planned
// arrival rates that give both the admissions a year and the spring occupancy a region
// counts. A damped Newton iteration with Broyden's update on the simulated means, every
// evaluation under the same seed and replications (common random numbers), so the means are
// smooth functions of the parameters. It stops when every target lies inside the 95 %
// interval of its estimate, and says so when the targets cannot be reached.
#include "calibrate_command.hpp"

namespace kapsim::app {

int calibrate_several(const CalibrateRequest& request);

}  // namespace kapsim::app
