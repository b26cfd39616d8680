#include "models/yaml_syntax_message.hpp"

#include <string_view>

#include <yaml-cpp/exceptions.h>

namespace kapsim::models {

Message yaml_syntax_problem(const std::string& m) {
    namespace E = YAML::ErrorMsg;
    const auto starts = [&](std::string_view prefix) { return m.rfind(prefix, 0) == 0; };
    // The texts are yaml-cpp's own, compared with its constants so that a change there shows.
    if (m == E::END_OF_MAP) return say("end of map not found");
    if (m == E::END_OF_MAP_FLOW) return say("end of map flow not found");
    if (m == E::END_OF_SEQ) return say("end of sequence not found");
    if (m == E::END_OF_SEQ_FLOW) return say("end of sequence flow not found");
    if (m == E::UNKNOWN_TOKEN) return say("unknown token");
    if (m == E::DOC_IN_SCALAR) return say("illegal document indicator in scalar");
    if (m == E::EOF_IN_SCALAR) return say("illegal EOF in scalar");
    if (m == E::CHAR_IN_SCALAR) return say("illegal character in scalar");
    if (m == E::TAB_IN_INDENTATION) return say("illegal tab when looking for indentation");
    if (m == E::FLOW_END) return say("illegal flow end");
    if (m == E::BLOCK_ENTRY) return say("illegal block entry");
    if (m == E::MAP_KEY) return say("illegal map key");
    if (m == E::MAP_VALUE) return say("illegal map value");
    if (m == E::ALIAS_NOT_FOUND) return say("alias not found after *");
    if (m == E::ANCHOR_NOT_FOUND) return say("anchor not found after &");
    if (m == E::CHAR_IN_ALIAS) return say("illegal character found while scanning alias");
    if (m == E::CHAR_IN_ANCHOR) return say("illegal character found while scanning anchor");
    if (m == E::UNKNOWN_ANCHOR) return say("the referenced anchor is not defined");
    if (m == E::MULTIPLE_ANCHORS) return say("cannot assign multiple anchors to the same node");
    if (m == E::MULTIPLE_TAGS) return say("cannot assign multiple tags to the same node");
    if (m == E::SINGLE_QUOTED_CHAR) return say("invalid character in single-quoted string");
    if (m == E::CHAR_IN_BLOCK) return say("unexpected character in block scalar");
    if (m == E::ZERO_INDENT_IN_BLOCK) return say("cannot set zero indentation for a block scalar");
    if (m == E::INVALID_HEX) return say("bad character found while scanning hex number");
    if (starts(E::INVALID_ESCAPE))
        return say("unknown escape character: {}", m.substr(std::string_view(E::INVALID_ESCAPE).size()));
    if (starts(E::INVALID_UNICODE))
        return say("invalid unicode: {}", m.substr(std::string_view(E::INVALID_UNICODE).size()));
    return Message(m);
}

}  // namespace kapsim::models
