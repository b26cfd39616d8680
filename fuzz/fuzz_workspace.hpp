#pragma once
// A scratch folder for the fuzz targets. kapsim reads scenarios and sweep files from disk and
// resolves `extends:` and `scenario:` against the file's folder, so each input is written to a
// file here, beside a copy of every shipped scenario: an input may extend or sweep any of them
// by its bare name (`extends: avd7-13.yaml`, `scenario: erlang-c.yaml`), as the seeds do.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace kapsim::fuzz {

class FuzzWorkspace {
public:
    // Copies the YAML files under scenarios/, bench/ and tests/browser/fixtures/ of `source_dir`
    // into a fresh folder under the system's temporary folder.
    explicit FuzzWorkspace(const std::filesystem::path& source_dir);
    ~FuzzWorkspace();
    FuzzWorkspace(const FuzzWorkspace&) = delete;
    FuzzWorkspace& operator=(const FuzzWorkspace&) = delete;

    // Writes `size` bytes to `name` in the folder, replacing the previous input, and returns its path.
    std::string write(const std::string& name, const std::uint8_t* data, std::size_t size) const;

private:
    std::filesystem::path dir_;
};

// The one workspace of this fuzzing process, made at the first call. libFuzzer calls the
// target as a plain function, so the folder outlives each call this way rather than as a global.
const FuzzWorkspace& workspace();

// An exception other than models::InputError escaped the loader: kapsim would exit 1 with
// "internal error" instead of naming the bad line. Prints it and aborts, which libFuzzer
// records as a crash with its reproducer.
[[noreturn]] void unexpected_exception(const char* what);

}  // namespace kapsim::fuzz
