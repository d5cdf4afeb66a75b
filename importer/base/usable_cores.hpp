#pragma once

namespace offimport {

// The cores this process may run on: its CPU affinity (taskset, a cpuset cgroup, systemd's
// CPUAffinity=), which std::thread::hardware_concurrency ignores; at least 1.
unsigned usable_cores();

} // namespace offimport
