// Where each section of the printed report begins, read back from the printed PDF's text
// (`pdftotext -layout`): the page numbers the table of contents names. WritePdf prints the report
// once with placeholder page numbers, reads the pages here, and prints it again with them.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace agp::report {

// The text of each page: pdftotext ends every page with a form feed.
std::vector<std::string> SplitPages(std::string_view text);

// One line of printed text as it is compared: no-break, narrow and thin spaces become spaces,
// soft hyphens go, runs of white space become one space, no space at either end.
std::string CollapseSpaces(std::string_view text);

// The 1-based page on which each entry's heading is printed, by anchor, for `entries` of
// TocEntries (document order). A heading is printed as its text on a line of its own (or
// wrapped over up to three lines), or at the start of a line followed by a wide gap (a
// right-aligned neighbour). The contents pages themselves list every heading, so the search
// begins after them: after the last page with the line «Innhold» and after the page that lists
// the last entry. Each heading is looked for from the page of the one before it. A heading not
// found is left out of the map.
std::map<std::string, int> FindHeadingPages(
    const std::vector<std::string>& pages,
    const std::vector<std::pair<std::string, std::string>>& entries,
    std::string_view contents_heading = "Innhold");

}  // namespace agp::report
