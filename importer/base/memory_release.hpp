#pragma once

namespace offimport {

// Makes freed large buffers go back to the system at once. glibc raises its mmap threshold
// after each large free (up to 32 MiB), so block buffers, parsed rows and parser indexes of a
// long line would later come from per-thread heaps that keep their peak for the whole run: peak
// RSS would grow with the number of parser threads. Called first thing by both programs.
void release_large_buffers_promptly();

} // namespace offimport
