#include "app/main_entry.hpp"

int main(int argc, char** argv) {
    return offimport::offimport_main(argc, argv);
}
