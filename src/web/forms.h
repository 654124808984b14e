// Form fields of a POST: application/x-www-form-urlencoded bodies and the plain fields of
// multipart/form-data (files stay in the request).
#pragma once

#include <httplib.h>

#include <map>
#include <string>
#include <string_view>

namespace agp::web {

std::string UrlDecode(std::string_view text, bool plus_is_space = true);

// The request's path as the browser sent it, before any "?", still percent-encoded. Routes are
// matched against it and Context::match decodes each group once, so "/enheter/a%2Fb" is the
// unit "a/b" and "/enheter/10%2525" the unit "10%25" (httplib's req.path is decoded already: a
// key matched there would be decoded twice, and an encoded "/" would split the path).
std::string RawPath(const httplib::Request& req);
std::map<std::string, std::string> ParseForm(const httplib::Request& req);

}  // namespace agp::web
