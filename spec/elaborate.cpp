#include "spec/elaborate.hpp"

#include <cstdlib>
#include <filesystem>

#include "spec/elaborator.hpp"

namespace np {
namespace elab {

void Elaborator::run() {
    const ModuleAst* top = choose_top();
    auto* inst = new_instance();
    inst->path = "";
    inst->mod = top;
    inst->loc = top->loc;
    sys_.name = top->name;
    check_top_parameters(*top);
    build(inst);
    finish_nets();
    for (auto& [sym, scope] : inports_) (void)scope, inport_expr(*sym, sym->loc);
    for (auto& [sym, scope] : defs_) (void)scope, def_expr(*sym, sym->loc);
    for (const Deferred& d : deferred_) elaborate_deferred(d);
}

}  // namespace elab


namespace {

using elab::Elaborator;

System elaborate_impl(const std::string& path, std::optional<std::string> text, const ElaborateOptions& options) {
    System sys;
    sys.source = path;
    Elaborator e(options, sys);
    e.load_main(path, std::move(text));
    e.run();
    return sys;
}

}  // namespace

std::vector<std::string> library_search_path(const ElaborateOptions& options) {
    std::vector<std::string> dirs = options.library_dirs;
    if (const char* env = std::getenv("NEUROPROOF_LIB")) {
        std::string s = env;
        std::size_t b = 0;
        while (b <= s.size()) {
            std::size_t e = s.find(':', b);
            if (e == std::string::npos) e = s.size();
            if (e > b) dirs.push_back(s.substr(b, e - b));
            b = e + 1;
        }
    }
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        dirs.push_back((exe.parent_path() / ".." / "share" / "neuroproof" / "lib").lexically_normal().string());  // installed
        dirs.push_back((exe.parent_path() / ".." / ".." / "spec" / "lib").lexically_normal().string());          // build/bin/
    }
#ifdef NP_STDLIB_DIR
    dirs.push_back(NP_STDLIB_DIR);  // the source tree's spec/lib, when the build defines it
#endif
    return dirs;
}

System elaborate_file(const std::string& path, const ElaborateOptions& options) {
    return elaborate_impl(path, std::nullopt, options);
}

System elaborate_text(const std::string& file_name, const std::string& text, const ElaborateOptions& options) {
    return elaborate_impl(file_name, text, options);
}

}  // namespace np
