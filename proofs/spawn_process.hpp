// Starting a child process from this multi-threaded program (the re-check's solvers,
// proofs/recheck.hpp; the isolated engine processes, checkers/isolated_engine.hpp).
//
// posix_spawn, not fork: the process has other threads (portfolio lanes, Z3), and fork runs Z3's
// atfork handlers, which deadlock when two threads fork at once. The child starts with no blocked
// signals and the default dispositions of SIGINT, SIGTERM and SIGPIPE (the caller may block or
// ignore them); `redirect` maps each child descriptor to a descriptor of the caller (dup2), and
// descriptors the caller opened close-on-exec stay closed in the child. With `own_group` the child
// leads a new process group, so that kill(-pid, ...) also ends what it starts.
#pragma once

#include <sys/types.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace np {

struct SpawnOptions {
    std::vector<std::pair<int, int>> redirect;  // {child fd, caller fd}
    bool own_group = false;
    bool search_path = false;  // argv[0] is looked up in PATH (posix_spawnp)
};

// 0 with `pid` set, or the errno of the failure (ENOENT: no such program).
int spawn_process(const std::vector<std::string>& argv, const SpawnOptions& options, pid_t& pid);

// A program run to its end with its stdout and stderr captured together (argv[0] looked up in PATH).
struct CapturedRun {
    std::string output;
    int spawn_error = 0;       // errno of a failed start (ENOENT: no such program); then nothing ran
    int status = 0;            // waitpid status
    double seconds = 0;
    bool killed = false;       // killed past `hard_limit_seconds`
    bool interrupted = false;  // killed because `stop` said so (polled every 50 ms)
    bool exited_with(int code) const;
};
CapturedRun run_captured(const std::vector<std::string>& argv, double hard_limit_seconds, const std::function<bool()>& stop);

}  // namespace np
