#include "app/main_entry.hpp"
#include "base/memory_release.hpp"

int main(int argc, char** argv) {
    offimport::release_large_buffers_promptly();
    return offimport::offimport_main(argc, argv);
}
