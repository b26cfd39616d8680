#pragma once
// A scenario opened from the library (or another folder) and saved elsewhere in the workspace
// keeps its meaning: the bases its `extends:` chain names, missing beside the saved file, are
// copied there from beside the file it was opened from, byte for byte with their comments.
// A base already beside the saved file is the user's own and is never replaced.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "workspace_paths.hpp"

namespace kapsim::app::studio {

// The file `extends:` names in a scenario's text, if it names one (a text that is not YAML
// names none: the validator reports it at its line and column).
std::optional<std::string> extends_of(std::string_view text);

// Copies the missing bases of `text`, saved as `saved`, from beside `opened_from`. Returns the
// workspace names of the files copied, in chain order. A base that would land outside the
// workspace is not copied (check then says it is missing).
std::vector<std::string> copy_missing_bases(const WorkspacePaths& paths, const ResolvedPath& saved, std::string_view text,
                                            const ResolvedPath& opened_from);

}  // namespace kapsim::app::studio
