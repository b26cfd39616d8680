// libFuzzer target: the bytes are a sweep file, read and checked as `kapsim sweep` does before
// it simulates: the design's points, then the scenario with the sweep's base overrides and the
// scenario at the first few points. Nothing is simulated. A models::InputError is the right
// answer to bad input; anything else that escapes, a crash, a hang, running out of memory or a
// sanitizer report is a finding.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <exception>

#include "app/sweep_design.hpp"
#include "fuzz_workspace.hpp"
#include "models/input_error.hpp"
#include "models/scenario_loader.hpp"

namespace {
// A few points reach the overrides' code; every point would repeat the same load up to a
// million times and make each input slow without reaching new code.
constexpr std::size_t points_loaded = 3;
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kapsim;
    const std::string file = fuzz::workspace().write("fuzz-sweep.yaml", data, size);
    try {
        const app::SweepDesign design = app::read_sweep(file);
        models::load_scenario(design.scenario_file, app::base_overrides(design));
        for (std::size_t p = 0; p < std::min(points_loaded, design.points.size()); ++p)
            models::load_scenario(design.scenario_file, app::point_overrides(design, p));
    } catch (const models::InputError&) {
        // Bad input named with its line and column: what kapsim sweep reports, with exit code 2.
    } catch (const std::exception& e) {
        fuzz::unexpected_exception(e.what());
    }
    return 0;
}
