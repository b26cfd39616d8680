// libFuzzer target: the bytes are a scenario file, read and validated as `kapsim check` does.
// A models::InputError is the right answer to bad input; anything else that escapes, a crash,
// a hang, running out of memory or a sanitizer report is a finding.
#include <cstddef>
#include <cstdint>
#include <exception>

#include "fuzz_workspace.hpp"
#include "models/input_error.hpp"
#include "models/scenario_loader.hpp"
#include "models/traffic_equations.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kapsim;
    const std::string file = fuzz::workspace().write("fuzz-scenario.yaml", data, size);
    try {
        const models::Scenario scenario = models::load_scenario(file);
        // What `kapsim check` prints, so its formatting of any valid model is exercised too.
        const std::string text = models::describe(scenario) + models::describe_loads(scenario);
        if (text.empty()) fuzz::unexpected_exception("kapsim check would print nothing for a valid scenario");
    } catch (const models::InputError&) {
        // Bad input named with its line and column: what kapsim check reports, with exit code 2.
    } catch (const std::exception& e) {
        fuzz::unexpected_exception(e.what());
    }
    return 0;
}
