#include "proofs/spawn_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>

extern char** environ;

namespace np {

int spawn_process(const std::vector<std::string>& argv, const SpawnOptions& options, pid_t& pid) {
    std::vector<std::string> args = argv;
    std::vector<char*> cargv;
    for (std::string& a : args) cargv.push_back(a.data());
    cargv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    for (const auto& [child, caller] : options.redirect) posix_spawn_file_actions_adddup2(&actions, caller, child);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    for (int s : {SIGINT, SIGTERM, SIGPIPE}) sigaddset(&defaults, s);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
    if (options.own_group) {
        posix_spawnattr_setpgroup(&attr, 0);
        flags |= POSIX_SPAWN_SETPGROUP;
    }
    posix_spawnattr_setflags(&attr, flags);
    const int r = options.search_path ? posix_spawnp(&pid, cargv[0], &actions, &attr, cargv.data(), environ)
                                      : posix_spawn(&pid, cargv[0], &actions, &attr, cargv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    return r;
}

bool CapturedRun::exited_with(int code) const { return spawn_error == 0 && WIFEXITED(status) && WEXITSTATUS(status) == code; }

CapturedRun run_captured(const std::vector<std::string>& argv, double hard_limit_seconds, const std::function<bool()>& stop) {
    using Clock = std::chrono::steady_clock;
    CapturedRun r;
    // The pipe is close-on-exec so that a child started by another thread never holds this one's
    // write end open.
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        r.spawn_error = errno;
        return r;
    }
    const auto start = Clock::now();
    pid_t pid = -1;
    r.spawn_error = spawn_process(argv, {{{1, fds[1]}, {2, fds[1]}}, false, true}, pid);
    close(fds[1]);
    if (r.spawn_error != 0) {
        close(fds[0]);
        return r;
    }
    char buf[4096];
    for (;;) {
        double left = hard_limit_seconds - std::chrono::duration<double>(Clock::now() - start).count();
        if (left <= 0) {
            kill(pid, SIGKILL);
            r.killed = true;
            break;
        }
        if (stop && stop()) {
            kill(pid, SIGKILL);
            r.interrupted = true;
            break;
        }
        pollfd p{fds[0], POLLIN, 0};
        int ready = poll(&p, 1, static_cast<int>(std::min(left, 0.05) * 1000) + 1);
        if (ready < 0 && errno != EINTR) break;
        if (ready <= 0) continue;
        ssize_t n = read(fds[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        r.output.append(buf, static_cast<std::size_t>(n));
    }
    close(fds[0]);
    while (waitpid(pid, &r.status, 0) < 0 && errno == EINTR) {
    }
    r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return r;
}

}  // namespace np
