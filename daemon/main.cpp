#include "daemon/app/daemon_main.hpp"

int main(int argc, char** argv) {
    return offimport::daemon::daemon_main(argc, argv);
}
