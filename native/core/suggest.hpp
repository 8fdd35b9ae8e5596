// "Did you mean ...?" for unknown keys and names: Levenshtein distance (Wagner & Fischer,
// J. ACM 21, 1974) with a cut-off so that unrelated words are not suggested.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mfg {

std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to word, or "" when none is close enough to be a plausible typo.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

std::string join(const std::vector<std::string>& items, std::string_view separator = ", ");

}  // namespace mfg
