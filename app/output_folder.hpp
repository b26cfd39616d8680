#pragma once
// A results folder appears whole or not at all. A command checks its --out before it
// simulates anything (a folder name that fits, in UTF-8, not a file or a device, a parent that
// exists or can be made, room to write), writes every file into a fresh temporary folder
// beside it, `.<name>.tmp-<pid>-<n>`, and renames that into place at the end, replacing an
// older results folder whole. A killed run leaves only its temporary folder, which the next
// run beside it removes once the process that made it is gone.
#include <filesystem>
#include <string>

namespace kapsim::app {

class OutputFolder {
public:
    // Throws models::InputError, naming "--out <target>", when `target` cannot become a
    // results folder; then nothing has been created but the target's missing parents.
    static OutputFolder prepare(const std::filesystem::path& target);

    OutputFolder(OutputFolder&& other) noexcept;
    OutputFolder& operator=(OutputFolder&&) = delete;
    ~OutputFolder();  // removes the temporary folder unless committed

    // Where the files are written until commit().
    const std::filesystem::path& staging() const { return staging_; }
    // Where they will be, as the user named it.
    const std::filesystem::path& target() const { return target_; }
    // Renames the temporary folder into place, replacing an older results folder whole.
    void commit();

private:
    OutputFolder(std::filesystem::path target, std::filesystem::path real_target, std::filesystem::path staging);

    std::filesystem::path target_;
    std::filesystem::path real_target_;  // symbolic links resolved
    std::filesystem::path staging_;
};

// The checks of OutputFolder::prepare without the temporary folder, for a folder written in
// place (a sweep's, which its journal makes resumable); `replaced_whole` also refuses a folder
// holding files that are not kapsim results. Makes the missing parents; returns the folder
// with symbolic links resolved.
std::filesystem::path check_output_folder(const std::filesystem::path& target, bool replaced_whole);

// Throws models::InputError (at `where`) unless `name` can be one folder's name: not empty,
// not "." or "..", no '/', valid UTF-8, and short enough that its temporary folder's name fits.
void check_folder_name(const std::string& name, const std::string& where);

// True for valid UTF-8.
bool is_utf8(std::string_view text);

// Removes `.<x>.tmp-<pid>...` files and folders in `dir` whose name starts with `prefix`
// ("." for all) and whose process has ended: what a killed kapsim left behind.
void remove_stale_temporaries(const std::filesystem::path& dir, const std::string& prefix = ".");

}  // namespace kapsim::app
