#include "yaml_limits.hpp"

#include <map>

#include <fmt/format.h>

namespace kapsim::models {
namespace {

class TreeCheck {
public:
    TreeCheck(const SourceLocation& where, bool with_marks) : where_(where), with_marks_(with_marks) {}

    void walk(const YAML::Node& node, int depth) {
        if (++visited_ > max_expanded_values)
            fail(node, say("the document expands to more than {} values when its aliases are followed",
                                   max_expanded_values),
                 say("an alias (*name) repeats everything under its anchor (&name); aliases of aliases multiply. "
                 "Write the values out, or nest fewer aliases"));
        if (depth > max_nesting_depth)
            fail(node, say("the document nests more than {} levels deep", max_nesting_depth),
                 say("a scenario nests a few levels; check the brackets, and that no alias (*name) is used inside "
                 "its own anchor (&name)"));
        if (node.IsSequence()) {
            for (const auto& item : node) walk(item, depth + 1);
        } else if (node.IsMap()) {
            std::map<std::string, YAML::Mark> seen;
            for (const auto& kv : node) {
                if (kv.first.IsNull() || (kv.first.IsScalar() && kv.first.Scalar().empty()))
                    fail(kv.first, say("a key is empty"), say("write 'name: value' with a name before the colon"));
                if (!kv.first.IsScalar())
                    fail(kv.first, say("a key must be a plain name, not a list or a mapping"),
                         say("write 'name: value'; a key like '? [a, b]' or '[a, b]:' cannot name anything in a scenario"));
                const auto [first, fresh] = seen.emplace(kv.first.Scalar(), kv.first.Mark());
                if (!fresh)
                    fail(kv.first,
                         say("'{}' is given twice in the same mapping, at line {} and at line {}",
                                     kv.first.Scalar(), first->second.line + 1, kv.first.Mark().line + 1),
                         say("keep one of them; YAML allows each key once per mapping"));
                walk(kv.second, depth + 1);
            }
        }
    }

private:
    [[noreturn]] void fail(const YAML::Node& at, const Message& what, const Message& hint) const {
        SourceLocation where = where_;
        if (with_marks_ && at.Mark().line >= 0) {
            where.line = at.Mark().line + 1;
            where.column = at.Mark().column + 1;
        }
        throw InputError(where, what, hint);
    }

    SourceLocation where_;
    bool with_marks_;
    std::size_t visited_ = 0;
};

}  // namespace

void check_yaml_tree(const YAML::Node& root, const SourceLocation& where, bool with_marks) {
    TreeCheck(where, with_marks).walk(root, 0);
}

}  // namespace kapsim::models
