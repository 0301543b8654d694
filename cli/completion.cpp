#include "cli/completion.hpp"

#include <algorithm>
#include <sstream>
#include <string_view>

#include "model/did_you_mean.hpp"

namespace np::cli {

namespace {

std::vector<std::string> option_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::Option* o : app.get_options()) {
        for (const std::string& l : o->get_lnames()) names.push_back("--" + l);
        for (const std::string& s : o->get_snames()) names.push_back("-" + s);
    }
    return names;
}

std::string joined(const std::vector<std::string>& words) {
    std::string s;
    for (const std::string& w : words) s += (s.empty() ? "" : " ") + w;
    return s;
}

std::vector<const CLI::App*> subcommands(const CLI::App& app) {
    std::vector<const CLI::App*> subs;
    for (const CLI::App* c : app.get_subcommands([](const CLI::App*) { return true; })) subs.push_back(c);
    return subs;
}

}  // namespace

std::string bash_completion(const CLI::App& app, const std::map<std::string, std::vector<std::string>>& option_values) {
    const std::string name = "neuroproof";  // not app.get_name(): CLI11 sets that to argv[0]
    std::vector<std::string> commands;
    for (const CLI::App* c : subcommands(app)) commands.push_back(c->get_name());
    std::ostringstream s;
    s << "# bash completion for " << name << " (written by `" << name << " completion bash`)\n"
      << "_" << name << "() {\n"
      << "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\" opts=\"\"\n"
      << "  COMPREPLY=()\n"
      << "  if [ \"$COMP_CWORD\" -eq 1 ]; then\n"
      << "    COMPREPLY=($(compgen -W \"" << joined(commands) << " --help --version\" -- \"$cur\"))\n"
      << "    return 0\n"
      << "  fi\n"
      << "  case \"$prev\" in\n";
    for (const auto& [option, values] : option_values) {
        std::vector<std::string> spellings{option};  // the long name and every short name of it
        for (const CLI::App* c : subcommands(app))
            for (const CLI::Option* o : c->get_options()) {
                const auto& l = o->get_lnames();
                if (std::find(l.begin(), l.end(), option.substr(2)) == l.end()) continue;
                for (const std::string& sn : o->get_snames())
                    if (std::find(spellings.begin(), spellings.end(), "-" + sn) == spellings.end()) spellings.push_back("-" + sn);
            }
        std::string pattern;
        for (const std::string& sp : spellings) pattern += (pattern.empty() ? "" : "|") + sp;
        s << "    " << pattern << ") COMPREPLY=($(compgen -W \"" << joined(values) << "\" -- \"$cur\")); return 0 ;;\n";
    }
    s << "  esac\n"
      << "  case \"${COMP_WORDS[1]}\" in\n";
    for (const CLI::App* c : subcommands(app)) {
        std::vector<std::string> opts = option_names(*c);
        s << "    " << c->get_name() << ") opts=\"" << joined(opts) << "\" ;;\n";
    }
    s << "  esac\n"
      << "  if [[ \"$cur\" == -* ]]; then\n"
      << "    COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
      << "  else\n"
      << "    COMPREPLY=($(compgen -f -- \"$cur\"))\n"
      << "  fi\n"
      << "  return 0\n"
      << "}\n"
      << "complete -o filenames -F _" << name << " " << name << "\n";
    return s.str();
}

std::string unknown_option_hints(const CLI::App& sub, const CLI::App& app, int argc, const char* const* argv) {
    std::vector<std::string> known = option_names(sub);
    for (const std::string& n : option_names(app)) known.push_back(n);
    std::string hints;
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a == "--") break;
        if (a.size() < 3 || a.substr(0, 2) != "--") continue;
        std::string word(a.substr(0, a.find('=')));
        if (std::find(known.begin(), known.end(), word) != known.end()) continue;
        hints += "neuroproof: error: '" + word.substr(0, 200) + "' is not an option of " + sub.get_name() +
                 np::did_you_mean(word, known) + "\n";
    }
    return hints;
}

}  // namespace np::cli
