#pragma once
// How the capacity searches show a number and an estimate in their tables: a few significant
// digits, whole kronor for large amounts, "-" for a value not defined.
#include <string>

#include "sim/estimate.hpp"

namespace kapsim::app {

// 0.034, 12.40, 118.5, 8200000 (times `scale`, e.g. 100 for a share shown in %).
std::string number_shown(double x, double scale = 1);

// "0.034 [0.025, 0.043]": the mean and its interval.
std::string estimate_shown(const sim::Estimate& e, double scale = 1);

}  // namespace kapsim::app
