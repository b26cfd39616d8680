// kapsim: the command line. Parses arguments with CLI11 and maps outcomes to exit codes:
// 0 success, 2 invalid input (with file, line, column and a hint), 1 internal error.
#include <cstdio>
#include <exception>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "app/version.hpp"
#include "models/input_error.hpp"
#include "run_command.hpp"

namespace {

constexpr int exit_invalid_input = 2;
constexpr int exit_internal_error = 1;

}  // namespace

int main(int argc, char** argv) {
    using namespace kapsim;
    CLI::App cli{"kapsim: discrete-event capacity simulator for addiction care (beds, sobering units, LARO, HVB)"};
    cli.set_version_flag("--version", std::string("kapsim ") + app::version);
    cli.require_subcommand(1);

    app::RunRequest run;
    std::size_t reps = 0;
    std::uint64_t seed = 0;
    auto* run_cmd = cli.add_subcommand("run", "Simulate a scenario's replications and write summary.json, summary.csv "
                                              "and replications.csv");
    run_cmd->add_option("FILE", run.file, "Scenario YAML file")->required();
    auto* reps_opt = run_cmd->add_option("--reps", reps, "Number of replications (overrides the scenario)")
                         ->check(CLI::Range(2, 100000));
    auto* seed_opt = run_cmd->add_option("--seed", seed, "Random seed (overrides the scenario)");
    run_cmd->add_option("--threads", run.threads, "Threads for replications (0 = all cores)")
        ->check(CLI::Range(0, 1024))
        ->default_val(0);
    run_cmd->add_option("--out", run.out_dir, "Output directory (default results/<scenario>-<timestamp>)");
    run_cmd->add_option("--set", run.overrides, "Override a scenario value, e.g. --set units.avd7.capacity=16")
        ->allow_extra_args(false)
        ->take_all();
    run_cmd->add_flag("--json", run.json, "Print the summary as JSON on stdout instead of a table");

    std::string check_file;
    std::vector<std::string> check_overrides;
    auto* check_cmd = cli.add_subcommand("check", "Validate a scenario and print the model without running it");
    check_cmd->add_option("FILE", check_file, "Scenario YAML file")->required();
    check_cmd->add_option("--set", check_overrides, "Override a scenario value, e.g. --set units.x.capacity=3")
        ->allow_extra_args(false)
        ->take_all();

    try {
        cli.parse(argc, argv);
    } catch (const CLI::Success& e) {
        return cli.exit(e);
    } catch (const CLI::ParseError& e) {
        cli.exit(e);
        return exit_invalid_input;
    }

    try {
        if (*run_cmd) {
            if (*reps_opt) run.replications = reps;
            if (*seed_opt) run.seed = seed;
            return app::run_command(run);
        }
        return app::check_command(check_file, check_overrides);
    } catch (const models::InputError& e) {
        std::fputs(fmt::format("{}\n", e.what()).c_str(), stderr);
        return exit_invalid_input;
    } catch (const std::exception& e) {
        std::fputs(fmt::format("kapsim: internal error: {}\n", e.what()).c_str(), stderr);
        return exit_internal_error;
    }
}
