#pragma once

#include <filesystem>
#include <string_view>
#include <sys/types.h>

namespace offimport {

// Replaces `path` with `contents` so that readers see the old file or the new one, never a part,
// and nothing planted beside it is followed: the new file is created with mkstemp in the same
// directory (O_EXCL: a symlink or file at that name is never opened), given `mode`, written and
// fsync'ed, renamed over `path`, and the directory fsync'ed. Throws std::runtime_error naming the
// path and the system's reason; on failure the temporary file is removed.
void replace_file_atomically(const std::filesystem::path& path, std::string_view contents,
                             mode_t mode);

} // namespace offimport
