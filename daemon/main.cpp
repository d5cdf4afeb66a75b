#include "base/memory_release.hpp"
#include "daemon/app/daemon_main.hpp"

int main(int argc, char** argv) {
    offimport::release_large_buffers_promptly();
    return offimport::daemon::daemon_main(argc, argv);
}
