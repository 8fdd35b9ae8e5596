// Tokens of the formula language (docs/spec.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "expr.hpp"

namespace mfg::expr {

enum class Tok { Number, Name, Plus, Minus, Star, Slash, Caret, LParen, RParen, Comma, Lt, Le, Gt, Ge, Eq, Ne, End };

struct Token {
  Tok kind;
  std::size_t position;
  std::string_view text;
  double number = 0.0;
};

// Refuses any byte >= 0x80 (positions then agree between UTF-8 here and UTF-16 in the app).
bool check_ascii(std::string_view source, ParseError& error);

// Splits source into tokens; on failure returns false and fills error.
bool tokenize(std::string_view source, std::vector<Token>& tokens, ParseError& error);

std::string describe(const Token& token);

}  // namespace mfg::expr
