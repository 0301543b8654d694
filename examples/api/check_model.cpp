// check_model MODEL [ENGINE [OUT]]: the main job of neuroproof through its C++ API (docs/api.md).
// Loads MODEL (.g, .ll_net or .np), checks the properties `neuroproof check` checks by default
// with ENGINE (default auto) within 60 s, prints one line per property and, for a FAIL, its
// counterexample's length; with OUT also writes the run folder (summary.json, traces,
// certificates) there. Exit status as `neuroproof check`'s (0 all PASS, 1 a FAIL or ERROR,
// 3 an UNKNOWN, 2 bad input).
#include <iostream>

#include "checkers/check_options.hpp"
#include "checkers/run_checks.hpp"
#include "model/diagnostic.hpp"
#include "reports/write_run.hpp"
#include "spec/load_system.hpp"

int main(int argc, char** argv) {
    if (argc < 2 || argc > 4) {
        std::cerr << "usage: check_model MODEL [ENGINE [OUT]]\n";
        return 2;
    }
    try {
        const np::ModelSource source{argv[1], {}, 0, {}};
        const np::System sys = np::load_model(source);
        np::CheckOptions options;
        if (argc > 2) options.engine = argv[2];
        const np::Budget budget(60.0, std::uint64_t{4} << 30);
        const np::Watchdog watchdog(budget);  // enforces the deadline and the memory limit
        const np::CheckRequest request = np::make_check_request(options, source, budget);
        np::RunSummary run;
        run.input = source.file;
        run.results = np::run_checks(sys, request);
        run.exit_code = np::exit_code(run.results);
        for (const np::PropertyResult& r : run.results) {
            std::cout << r.name << " " << np::verdict_name(r.verdict) << " " << r.engine;
            if (r.trace) std::cout << " trace of " << r.trace->steps.size() << " steps";
            if (r.certificate) std::cout << " certificate " << (r.certificate->confirmed() ? "confirmed: " + r.certificate->confirmation() : "not confirmed: " + r.certificate->failure());
            std::cout << "\n";
        }
        if (argc > 3) {
            np::prepare_run_folder(argv[3]);
            for (const std::string& w : np::write_run_folder(argv[3], sys, run)) std::cerr << "warning: " << w << "\n";
        }
        return run.exit_code;
    } catch (const np::SourceError& e) {  // file:line:col: error: ... with the line shown
        std::cerr << e.what() << "\n";
        return 2;
    } catch (const std::invalid_argument& e) {  // a usage error: unknown engine or property
        std::cerr << "error: " << e.what() << "\n";
        return 2;
    }
}
