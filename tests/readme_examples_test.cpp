// Every YAML example in README.md runs as written: each is laid over a harness scenario that
// defines the units and classes the examples name (tests/readme_harness.yaml), then checked
// and run by the kapsim binary. And every command in a block fenced "```sh runs" runs as
// written from the source folder, on the shipped scenarios it names.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <regex>
#include <sstream>

#include "test_support.hpp"

namespace kapsim {
namespace {

// The bodies of the README's blocks fenced "```<info>".
std::vector<std::string> readme_blocks(const std::string& info) {
    const std::string readme = testing::read_text(testing::source_path("README.md"));
    std::vector<std::string> blocks;
    const std::string open = "```" + info + "\n", close = "```";
    for (std::size_t at = readme.find(open); at != std::string::npos; at = readme.find(open, at)) {
        const std::size_t start = at + open.size();
        const std::size_t end = readme.find(close, start);
        blocks.push_back(readme.substr(start, end - start));
        at = end;
    }
    return blocks;
}

// A fragment of a unit's description becomes a whole file that extends the harness.
std::string as_scenario(const std::string& block) {
    if (block.rfind("extends:", 0) == 0) return block;  // a variant, runnable as it is
    std::string body = block;
    if (block.rfind("    ", 0) == 0) body = "units:\n  avd7:\n" + block;  // a key of a unit
    else if (block.rfind("  ", 0) == 0) body = "units:\n" + block;        // whole units
    return "extends: avd7-13.yaml\n" + body;
}

TEST(ReadmeExamplesTest, EveryYamlExampleChecksAndRunsAsWritten) {
    const auto blocks = readme_blocks("yaml");
    ASSERT_GE(blocks.size(), 10u) << "the README should show an example per unit kind";
    const auto dir = testing::fresh_temp_dir("readme");
    std::filesystem::copy_file(testing::source_path("tests/readme_harness.yaml"), dir / "avd7-13.yaml");
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        const auto file = dir / ("example-" + std::to_string(i) + ".yaml");
        std::ofstream(file) << as_scenario(blocks[i]);
        const auto check = testing::run_kapsim("check " + file.string());
        EXPECT_EQ(check.exit_code, 0) << "README example " << i << ":\n" << blocks[i] << "\n" << check.err;
        const auto run = testing::run_kapsim("run " + file.string() +
                                             " --set scenario.run_length=60d --set scenario.warmup=10d --reps 2 --out " +
                                             (dir / ("out-" + std::to_string(i))).string());
        EXPECT_EQ(run.exit_code, 0) << "README example " << i << ":\n" << blocks[i] << "\n" << run.err;
    }
    std::filesystem::remove_all(dir);
}

// The lines of the blocks fenced "```sh runs", each a kapsim command.
std::vector<std::string> readme_commands_that_run() {
    std::vector<std::string> commands;
    for (const auto& block : readme_blocks("sh runs")) {
        std::istringstream lines(block);
        for (std::string line; std::getline(lines, line);)
            if (!line.empty()) commands.push_back(line);
    }
    return commands;
}

TEST(ReadmeExamplesTest, EveryCommandMarkedToRunRunsAsWrittenFromTheSourceFolder) {
    const auto commands = readme_commands_that_run();
    ASSERT_GE(commands.size(), 1u) << "kapsim optimize's example is fenced ```sh runs";
    const auto dir = testing::fresh_temp_dir("readme-commands");
    for (std::size_t i = 0; i < commands.size(); ++i) {
        ASSERT_EQ(commands[i].rfind("kapsim ", 0), 0u) << commands[i];
        const auto out = dir / ("out-" + std::to_string(i));
        // As a shell runs it (the quotes too), with the binary built here and the output kept apart.
        const std::string command = "cd '" + testing::source_path("") + "' && " + std::string(KAPSIM_BINARY) +
                                    commands[i].substr(6) + " --quiet --out '" + out.string() + "' >'" +
                                    (dir / "stdout").string() + "' 2>'" + (dir / "stderr").string() + "'";
        const int status = std::system(command.c_str());
        EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
            << commands[i] << "\n" << testing::read_text(dir / "stderr");
        EXPECT_TRUE(std::filesystem::exists(out / "manifest.json")) << commands[i];
    }
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace kapsim
