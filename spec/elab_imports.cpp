// The elaborator's imports: files, import resolution, the top module.
#include "spec/elaborator.hpp"

namespace np::elab {

void Elaborator::load_main(const std::string& path, std::optional<std::string> text) {
    fs::path p(path);
    load(p, text, nullptr);
}

Origin Elaborator::origin(const Loc& l, const std::string& component) const {
    Origin o = files_.at(l.file)->at(l.line, l.col);
    o.component = component;
    return o;
}

std::uint32_t Elaborator::load(const fs::path& path, const std::optional<std::string>& text, const ImportAst* from) {
    std::string key;
    std::error_code ec;
    fs::path canon = fs::weakly_canonical(path, ec);
    key = ec ? path.lexically_normal().string() : canon.string();
    for (std::size_t i = 0; i < loaded_.size(); ++i) {
        if (loaded_[i].key != key) continue;
        if (loaded_[i].done) return static_cast<std::uint32_t>(i);
        // `key` is still being read: the import chain from it back to itself is a cycle.
        std::string chain;
        auto pos = std::find(stack_.begin(), stack_.end(), static_cast<std::uint32_t>(i));
        for (auto k = pos; k != stack_.end(); ++k) chain += fs::path(files_[*k]->file()).filename().string() + " -> ";
        chain += fs::path(files_[i]->file()).filename().string();
        fail(loaded_[i].importing, "import cycle: " + chain);
    }
    std::unique_ptr<SourceText> src;
    if (text) {
        src = std::make_unique<SourceText>(path.string(), *text);
    } else {
        try {
            src = std::make_unique<SourceText>(SourceText::load(path.string(), 64u << 20));
        } catch (const SourceError& e) {
            if (!from) throw;
            fail(from->loc, "cannot read imported file '" + from->path + "' (" + path.string() + "): " + e.message());
        }
    }
    const auto index = static_cast<std::uint32_t>(files_.size());
    files_.push_back(std::move(src));
    loaded_.push_back({key, false, {}});
    asts_.push_back(std::make_unique<FileAst>(parse_np(*files_[index], index)));
    stack_.push_back(index);
    for (const ImportAst& imp : asts_[index]->imports) {
        loaded_[index].importing = imp.loc;
        load(resolve_import(imp), std::nullopt, &imp);
    }
    stack_.pop_back();
    loaded_[index].done = true;
    for (const ModuleAst& m : asts_[index]->modules) {
        auto [it, inserted] = modules_.emplace(m.name, &m);
        if (!inserted) {
            const Loc& first = it->second->loc;
            fail(m.loc, "duplicate module '" + m.name + "' (first defined at " +
                            fs::path(files_[first.file]->file()).filename().string() + ":" +
                            std::to_string(first.line) + ")");
        }
    }
    return index;
}

fs::path Elaborator::resolve_import(const ImportAst& imp) {
    if (imp.path.empty()) fail(imp.loc, "empty import path");
    if (imp.path.rfind("std/", 0) == 0) {
        std::string rest = imp.path.substr(4);
        std::string looked;
        for (const std::string& d : library_search_path(opts_)) {
            fs::path p = fs::path(d) / rest;
            std::error_code ec;
            if (fs::is_regular_file(p, ec)) return p;
            looked += (looked.empty() ? "" : ", ") + d;
        }
        fail(imp.loc, "cannot find '" + imp.path + "' in the standard library (looked in: " + looked +
                          "; set NEUROPROOF_LIB to the spec/lib folder)");
    }
    fs::path p = fs::path(imp.path);
    if (p.is_relative()) p = fs::path(dir_of(imp.loc)) / p;
    std::error_code ec;
    if (!fs::is_regular_file(p, ec))
        fail(imp.loc, "cannot find imported file '" + imp.path + "' (paths are relative to the importing file's folder; "
                      "library files are imported as \"std/NAME.np\")");
    return p;
}

const ModuleAst* Elaborator::choose_top() {
    if (!opts_.top.empty()) {
        auto it = modules_.find(opts_.top);
        if (it == modules_.end())
            throw SourceError(Origin{files_[0]->file(), 0, 0, {}}, "no module named '" + opts_.top + "' (--top)");
        return it->second;
    }
    const ModuleAst* marked = nullptr;
    for (const auto& f : asts_)
        for (const ModuleAst& m : f->modules)
            if (m.top) {
                if (marked) fail(m.loc, "two modules are marked 'top' ('" + marked->name + "' and '" + m.name + "')");
                marked = &m;
            }
    if (marked) return marked;
    if (asts_[0]->modules.empty()) {
        Loc end{0, static_cast<std::uint32_t>(files_[0]->line_count()), 1, 0};
        fail(end, "no module in this file (the last module of the main file is the top of the design)");
    }
    return &asts_[0]->modules.back();
}

}  // namespace np::elab
