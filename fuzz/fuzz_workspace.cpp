#include "fuzz_workspace.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <system_error>
#include <vector>

namespace kapsim::fuzz {
namespace fs = std::filesystem;

FuzzWorkspace::FuzzWorkspace(const fs::path& source_dir) {
    std::string pattern = (fs::temp_directory_path() / "kapsim-fuzz-XXXXXX").string();
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    if (!mkdtemp(buffer.data())) throw std::runtime_error("cannot make a scratch folder for fuzzing");
    dir_ = buffer.data();
    // Flat: the shipped names are unique, and their own `extends:` name files in the same folder.
    for (const char* sub : {"scenarios", "bench", "tests/browser/fixtures"}) {
        for (const auto& entry : fs::recursive_directory_iterator(source_dir / sub)) {
            if (!entry.is_regular_file() || entry.path().extension() != ".yaml") continue;
            fs::copy_file(entry.path(), dir_ / entry.path().filename(), fs::copy_options::skip_existing);
        }
    }
}

FuzzWorkspace::~FuzzWorkspace() {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
}

std::string FuzzWorkspace::write(const std::string& name, const std::uint8_t* data, std::size_t size) const {
    const fs::path path = dir_ / name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
    return path.string();
}

const FuzzWorkspace& workspace() {
    static const FuzzWorkspace folder(KAPSIM_SOURCE_DIR);
    return folder;
}

void unexpected_exception(const char* what) {
    std::fprintf(stderr, "kapsim fuzz: an exception other than InputError escaped: %s\n", what);
    std::abort();
}

}  // namespace kapsim::fuzz
