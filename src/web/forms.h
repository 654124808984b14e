// Form fields of a POST: application/x-www-form-urlencoded bodies and the plain fields of
// multipart/form-data (files stay in the request).
#pragma once

#include <httplib.h>

#include <map>
#include <string>
#include <string_view>

namespace agp::web {

std::string UrlDecode(std::string_view text, bool plus_is_space = true);
std::map<std::string, std::string> ParseForm(const httplib::Request& req);

}  // namespace agp::web
