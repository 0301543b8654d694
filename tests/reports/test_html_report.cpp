// report.html and index.html (reports/write_html.hpp): their contents, and the pages as a browser
// reads them — Debian's Chromium, headless (scripts/setup.sh installs it): the DOM it builds and a
// screenshot it takes.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "checkers/explicit_search.hpp"
#include "checkers/run_checks.hpp"
#include "reports/write_html.hpp"
#include "reports/write_run.hpp"
#include "spec/load_system.hpp"

namespace np {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string run(const std::string& cmd, int* status = nullptr) {
    std::string out;
    FILE* p = popen((cmd + " 2>/dev/null").c_str(), "r");
    char buf[4096];
    for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
    const int s = pclose(p);
    if (status) *status = s;
    return out;
}

const char* const kChromium = "/usr/bin/chromium";

fs::path write_report(const std::string& example, const std::string& name) {
    const System sys = load_system((fs::path(NP_SOURCE_DIR) / example).string());
    CheckRequest req;
    req.engine = "explicit";
    RunSummary run{example, run_checks(sys, req), {}, 0};
    run.exit_code = exit_code(run.results);
    const fs::path dir = fs::temp_directory_path() / ("np-html-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    write_run_folder(dir.string(), sys, run);
    return dir;
}

TEST(HtmlReport, ARunPageHoldsVerdictsExplanationWaveformPictureAndSteps) {
    const fs::path dir = write_report("examples/stg/muller_pipeline_deadlock.g", "stg");
    const std::string html = slurp(dir / "report.html");
    EXPECT_NE(html.find("<h2>Verdicts</h2>"), std::string::npos);
    EXPECT_NE(html.find("<td class=\"FAIL\">FAIL</td>"), std::string::npos);
    EXPECT_NE(html.find("Every transition is blocked (8)"), std::string::npos);
    EXPECT_NE(html.find("<h3>Waveform</h3>"), std::string::npos);
    EXPECT_NE(html.find("<h3>Picture</h3>"), std::string::npos);
    EXPECT_NE(html.find("<h3>Steps (7)</h3>"), std::string::npos);
    EXPECT_NE(html.find("muller_pipeline_deadlock.g:14"), std::string::npos) << "each step's source line";
    EXPECT_EQ(html.find("<?xml"), std::string::npos) << "inlined SVG keeps no XML prolog";
    EXPECT_EQ(html.find("src=\"http"), std::string::npos) << "self-contained";
    fs::remove_all(dir);
}

TEST(HtmlReport, TheWaveformElidesTheMiddleOfALongTrace) {
    System sys;
    sys.add_variable({"x", Type::uint(8)});
    sys.transitions.push_back({"inc", TransitionKind::Internal, mk_bool(true), {}});
    Trace tr{sys.initial_state(), {}};
    for (std::uint64_t k = 1; k <= 200; ++k) tr.steps.push_back({0, State{k % 256}});
    const std::string svg = waveform_svg(sys, tr, 60);
    EXPECT_NE(svg.find(">…</text>"), std::string::npos);
    EXPECT_NE(svg.find(">200</text>"), std::string::npos) << "the last step is shown";
    EXPECT_EQ(svg.find(">100</text>"), std::string::npos) << "the middle is not";
}

// Chromium reads the pages: the DOM it builds has the tables and the inline pictures, and its
// screenshot is a real image (not a blank page: a PNG of some size).
TEST(HtmlReport, ChromiumRendersTheReports) {
    if (!fs::exists(kChromium)) GTEST_SKIP() << "chromium is not installed (scripts/setup.sh installs it)";
    for (const auto& [example, name] : std::vector<std::pair<std::string, std::string>>{
             {"examples/speck_core/speck_core_broken.np", "speck"}, {"examples/stg/muller_pipeline_deadlock.g", "stg2"}}) {
        const fs::path dir = write_report(example, name);
        const std::string flags = std::string(kChromium) + " --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir=" +
                                  (dir / "profile").string() + " --window-size=1400,1800 ";
        const std::string url = "file://" + (dir / "report.html").string();
        int status = 0;
        const std::string dom = run("timeout 120 " + flags + "--dump-dom " + url, &status);
        EXPECT_EQ(status, 0) << name;
        EXPECT_NE(dom.find("<h2>Verdicts</h2>"), std::string::npos) << name << ": " << dom.substr(0, 400);
        EXPECT_NE(dom.find("<svg"), std::string::npos) << name;
        EXPECT_NE(dom.find("Steps ("), std::string::npos) << name;
        run("timeout 120 " + flags + "--screenshot=" + (dir / "shot.png").string() + " " + url, &status);
        EXPECT_EQ(status, 0) << name;
        const std::string png = slurp(dir / "shot.png");
        ASSERT_GT(png.size(), 20000u) << name << ": a blank page is a few kB";
        EXPECT_EQ(png.substr(1, 3), "PNG") << name;
        fs::remove_all(dir);
    }
}

}  // namespace
}  // namespace np
