// Writing a file so that no half-written file is ever left behind: the content
// goes to a temporary file in the same directory, which is renamed over the
// target only once it is complete; on any error the temporary file is removed.
// SIGINT, SIGTERM and SIGHUP are held off meanwhile (a second Ctrl-C arrives
// once the file is complete), so no temporary file is left behind either.
//
//   std::string why;
//   if (!write_file_atomically("out.svg", svg, &why)) err << why << "\n";
#pragma once

#include <string>
#include <string_view>

namespace accesspath {

// False with `why` ("cannot write `out.svg`: Permission denied") on failure.
bool write_file_atomically(const std::string& path, std::string_view content, std::string* why);

}  // namespace accesspath
