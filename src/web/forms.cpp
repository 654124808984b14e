#include "web/forms.h"

namespace agp::web {

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string UrlDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+' && plus_is_space) {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 &&
               HexValue(text[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string RawPath(const httplib::Request& req) {
  if (req.target.empty()) return req.path;  // a request made by hand, in a test
  return req.target.substr(0, req.target.find('?'));
}

std::map<std::string, std::string> ParseForm(const httplib::Request& req) {
  std::map<std::string, std::string> form;
  if (req.is_multipart_form_data()) {
    for (const auto& [name, file] : req.files) {
      if (file.filename.empty()) form[name] = file.content;
    }
    return form;
  }
  std::string_view body = req.body;
  while (!body.empty()) {
    size_t amp = body.find('&');
    std::string_view pair = body.substr(0, amp);
    size_t eq = pair.find('=');
    std::string key = UrlDecode(pair.substr(0, eq));
    std::string value = eq == std::string_view::npos ? "" : UrlDecode(pair.substr(eq + 1));
    if (!key.empty()) form.emplace(std::move(key), std::move(value));
    if (amp == std::string_view::npos) break;
    body.remove_prefix(amp + 1);
  }
  return form;
}

}  // namespace agp::web
