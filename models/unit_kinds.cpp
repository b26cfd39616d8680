#include "unit_kinds.hpp"

namespace kapsim::models {

const std::vector<UnitKind>& unit_kinds() {
    static const std::vector<UnitKind> kinds{
        pool_kind(),
        sobering_kind(),
        service_kind(),
        ward_kind(),
        slots_kind(),
        placement_kind(),
    };
    return kinds;
}

const UnitKind* find_unit_kind(std::string_view name) {
    for (const auto& k : unit_kinds())
        if (k.name == name) return &k;
    return nullptr;
}

}  // namespace kapsim::models
