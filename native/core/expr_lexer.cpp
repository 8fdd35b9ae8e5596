#include "expr_lexer.hpp"

#include <cstdlib>

namespace mfg::expr {

namespace {

// Character classes of the C locale, spelled out so that the host locale cannot change them.
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_name_start(char c) { return is_alpha(c) || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || is_digit(c); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

std::size_t skip_digits(std::string_view s, std::size_t i) {
  while (i < s.size() && is_digit(s[i])) ++i;
  return i;
}

// Scans number := digits ["." digits] [exponent] | "." digits [exponent]; returns the end, or npos
// when the text is not a well-formed number. A number glued to a letter, digit, '_' or '.' is one
// malformed number (no implicit multiplication: "2x" is an error, "1e" is not "1 times e").
std::size_t scan_number(std::string_view s, std::size_t start) {
  std::size_t i = skip_digits(s, start);
  if (i < s.size() && s[i] == '.') {
    const std::size_t after = skip_digits(s, i + 1);
    if (after == i + 1) return std::string_view::npos;
    i = after;
  }
  if (i == start) return std::string_view::npos;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    const std::size_t after = skip_digits(s, j);
    if (after == j) return std::string_view::npos;
    i = after;
  }
  if (i < s.size() && (is_name_char(s[i]) || s[i] == '.')) return std::string_view::npos;
  return i;
}

std::size_t malformed_end(std::string_view s, std::size_t start) {
  std::size_t i = start;
  while (i < s.size() && (is_name_char(s[i]) || s[i] == '.' ||
                          ((s[i] == '+' || s[i] == '-') && i > start && (s[i - 1] == 'e' || s[i - 1] == 'E'))))
    ++i;
  return i;
}

bool lex_operator(std::string_view s, std::size_t i, Token& token) {
  const char c = s[i];
  const char next = i + 1 < s.size() ? s[i + 1] : '\0';
  token.position = i;
  std::size_t len = 1;
  switch (c) {
    case '+': token.kind = Tok::Plus; break;
    case '-': token.kind = Tok::Minus; break;
    case '*': token.kind = Tok::Star; break;
    case '/': token.kind = Tok::Slash; break;
    case '^': token.kind = Tok::Caret; break;
    case '(': token.kind = Tok::LParen; break;
    case ')': token.kind = Tok::RParen; break;
    case ',': token.kind = Tok::Comma; break;
    case '<': token.kind = next == '=' ? Tok::Le : Tok::Lt; len = next == '=' ? 2 : 1; break;
    case '>': token.kind = next == '=' ? Tok::Ge : Tok::Gt; len = next == '=' ? 2 : 1; break;
    case '=':
      if (next != '=') return false;
      token.kind = Tok::Eq; len = 2; break;
    case '!':
      if (next != '=') return false;
      token.kind = Tok::Ne; len = 2; break;
    default: return false;
  }
  token.text = s.substr(i, len);
  return true;
}

bool unexpected_character(std::string_view s, std::size_t i, ParseError& error) {
  const char c = s[i];
  if (c == '=' || c == '!') {
    error = {i, std::string("unexpected character '") + c + "'; did you mean '" + c + "='?"};
  } else {
    const bool printable = c >= 0x20 && c < 0x7f;
    error = {i, std::string("unexpected character ") + (printable ? "'" + std::string(1, c) + "'" : "(control code " + std::to_string(int(c)) + ")") +
                    "; expected a number, a name, an operator or a parenthesis"};
  }
  return false;
}

}  // namespace

bool check_ascii(std::string_view source, ParseError& error) {
  for (std::size_t i = 0; i < source.size(); ++i) {
    if (static_cast<unsigned char>(source[i]) >= 0x80) {
      error = {i, "non-ASCII character; formulas use ASCII only (write 'pi', not the Greek letter)"};
      return false;
    }
  }
  return true;
}

bool tokenize(std::string_view source, std::vector<Token>& tokens, ParseError& error) {
  tokens.clear();
  std::size_t i = 0;
  while (i < source.size()) {
    const char c = source[i];
    if (is_space(c)) {
      ++i;
      continue;
    }
    Token token{Tok::End, i, {}};
    if (is_digit(c) || c == '.') {
      const std::size_t end = scan_number(source, i);
      if (end == std::string_view::npos) {
        const std::string text(source.substr(i, malformed_end(source, i) - i));
        error = {i, "malformed number '" + text + "'; expected digits with an optional '.digits' and exponent, e.g. 0.5 or 1e-3"};
        return false;
      }
      token = {Tok::Number, i, source.substr(i, end - i)};
      token.number = std::strtod(std::string(token.text).c_str(), nullptr);
    } else if (is_name_start(c)) {
      std::size_t j = i + 1;
      while (j < source.size() && is_name_char(source[j])) ++j;
      token = {Tok::Name, i, source.substr(i, j - i)};
    } else if (!lex_operator(source, i, token)) {
      return unexpected_character(source, i, error);
    }
    i = token.position + token.text.size();
    tokens.push_back(token);
  }
  tokens.push_back(Token{Tok::End, source.size(), {}});
  return true;
}

std::string describe(const Token& token) {
  if (token.kind == Tok::End) return "the end of the formula";
  return "'" + std::string(token.text) + "'";
}

}  // namespace mfg::expr
