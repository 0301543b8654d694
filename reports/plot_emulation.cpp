#include "reports/plot_emulation.hpp"

#include <cairo-svg.h>
#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <stdexcept>

namespace np {

namespace {

using Draw = std::function<void(cairo_t*)>;

void check(cairo_status_t s, const std::string& path) {
    if (s != CAIRO_STATUS_SUCCESS) throw std::runtime_error("cannot write " + path + ": " + cairo_status_to_string(s));
}

// Draws the picture twice: FILE.svg (vector) and FILE.png (raster).
void render(const std::string& base, int width, int height, const Draw& draw) {
    const std::string svg_path = base + ".svg", png_path = base + ".png";
    cairo_surface_t* svg = cairo_svg_surface_create(svg_path.c_str(), width, height);
    cairo_t* cr = cairo_create(svg);
    draw(cr);
    cairo_status_t s = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(svg);
    if (s == CAIRO_STATUS_SUCCESS) s = cairo_surface_status(svg);
    cairo_surface_destroy(svg);
    check(s, svg_path);
    cairo_surface_t* png = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
    cr = cairo_create(png);
    draw(cr);
    s = cairo_status(cr);
    cairo_destroy(cr);
    if (s == CAIRO_STATUS_SUCCESS) s = cairo_surface_write_to_png(png, png_path.c_str());
    cairo_surface_destroy(png);
    check(s, png_path);
}

struct Box {
    double x, y, w, h;
};

// 1, 2 or 5 times a power of ten, about a fifth of the range.
double tick_step(double range) {
    if (range <= 0) return 1;
    const double raw = range / 5, p = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * p >= raw) return m * p;
    return 10 * p;
}

std::string number(double v) {
    char buf[32];
    if (std::fabs(v) >= 1e6) std::snprintf(buf, sizeof buf, "%.3gM", v / 1e6);
    else if (std::fabs(v) >= 1e4) std::snprintf(buf, sizeof buf, "%.4gk", v / 1e3);
    else std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

void text(cairo_t* cr, double x, double y, const std::string& s, double size, double align = 0) {
    cairo_set_font_size(cr, size);
    cairo_text_extents_t e;
    cairo_text_extents(cr, s.c_str(), &e);
    cairo_move_to(cr, x - align * e.x_advance, y);
    cairo_show_text(cr, s.c_str());
}

void background(cairo_t* cr, int width, int height) {
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    (void)width, (void)height;
}

// The frame, ticks and labels of a plot of [x0, x1] x [y0, y1] in box b.
void axes(cairo_t* cr, const Box& b, double x0, double x1, double y0, double y1, const std::string& xlabel,
          const std::string& ylabel, bool y_ticks = true) {
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 1);
    cairo_rectangle(cr, b.x + 0.5, b.y + 0.5, b.w, b.h);
    cairo_stroke(cr);
    const double xs = tick_step(x1 - x0);
    for (double v = std::ceil(x0 / xs) * xs; v <= x1 + 1e-9; v += xs) {
        const double px = b.x + (v - x0) / (x1 - x0) * b.w;
        cairo_move_to(cr, px + 0.5, b.y + b.h);
        cairo_line_to(cr, px + 0.5, b.y + b.h + 4);
        cairo_stroke(cr);
        text(cr, px, b.y + b.h + 16, number(v), 10, 0.5);
    }
    if (y_ticks && y1 > y0) {
        const double ys = tick_step(y1 - y0);
        for (double v = std::ceil(y0 / ys) * ys; v <= y1 + 1e-9; v += ys) {
            const double py = b.y + b.h - (v - y0) / (y1 - y0) * b.h;
            cairo_move_to(cr, b.x - 4, py + 0.5);
            cairo_line_to(cr, b.x, py + 0.5);
            cairo_stroke(cr);
            text(cr, b.x - 6, py + 4, number(v), 10, 1);
        }
    }
    if (!xlabel.empty()) text(cr, b.x + b.w / 2, b.y + b.h + 32, xlabel, 11, 0.5);
    if (!ylabel.empty()) {
        cairo_save(cr);
        cairo_move_to(cr, b.x - 52, b.y + b.h / 2);
        cairo_rotate(cr, -M_PI / 2);
        cairo_set_font_size(cr, 11);
        cairo_text_extents_t e;
        cairo_text_extents(cr, ylabel.c_str(), &e);
        cairo_rel_move_to(cr, -e.x_advance / 2, 0);
        cairo_show_text(cr, ylabel.c_str());
        cairo_restore(cr);
    }
}

double ms(std::int64_t t, std::int64_t t0) { return static_cast<double>(t - t0) / 1000.0; }

}  // namespace

void plot_raster(const std::string& base, const CoreConfig& core, const std::vector<OutputSpike>& spikes, std::int64_t t_begin,
                 std::int64_t t_end, const std::string& title) {
    const std::uint32_t ow = core.out_width(), oh = core.out_height(), per = ow * oh;
    const std::uint64_t neurons = static_cast<std::uint64_t>(core.out_channels) * per;
    const int width = 1100, plot_h = static_cast<int>(std::clamp<std::uint64_t>(neurons * 2, 240, 760));
    const int height = plot_h + 110;
    const Box b{80, 50, width - 110.0, static_cast<double>(plot_h)};
    const double t1 = std::max(ms(t_end, t_begin), 1e-3);
    const std::size_t stride = spikes.size() > kMaxDots ? (spikes.size() + kMaxDots - 1) / kMaxDots : 1;
    std::string head = title + ": " + std::to_string(spikes.size()) + " spikes of " + std::to_string(neurons) + " neurons (" +
                       std::to_string(core.out_channels) + " ch x " + std::to_string(ow) + " x " + std::to_string(oh) + ")";
    if (stride > 1) head += ", every " + std::to_string(stride) + "th spike drawn";
    render(base, width, height, [&](cairo_t* cr) {
        background(cr, width, height);
        cairo_set_source_rgb(cr, 0, 0, 0);
        text(cr, b.x, 28, head, 13);
        // Channel bands: alternate shading, labelled on the right.
        for (std::uint32_t c = 0; c < core.out_channels; ++c) {
            const double ytop = b.y + b.h - static_cast<double>((c + 1) * per) / static_cast<double>(neurons) * b.h;
            const double hh = static_cast<double>(per) / static_cast<double>(neurons) * b.h;
            if (c % 2 == 1) {
                cairo_set_source_rgb(cr, 0.94, 0.95, 0.98);
                cairo_rectangle(cr, b.x, ytop, b.w, hh);
                cairo_fill(cr);
            }
            if (core.out_channels <= 64 && hh >= 9) {
                cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
                text(cr, b.x + b.w + 4, ytop + hh / 2 + 4, "ch " + std::to_string(c), 9);
            }
        }
        const double row = b.h / static_cast<double>(std::max<std::uint64_t>(neurons, 1));
        cairo_set_source_rgb(cr, 0.05, 0.2, 0.6);
        for (std::size_t k = 0; k < spikes.size(); k += stride) {
            const OutputSpike& s = spikes[k];
            const double idx = static_cast<double>((static_cast<std::uint64_t>(s.feature) * ow + s.x) * oh + s.y);
            const double px = b.x + std::clamp(ms(s.t, t_begin) / t1, 0.0, 1.0) * b.w;
            const double py = b.y + b.h - (idx + 1) * row;
            cairo_rectangle(cr, px - 0.8, py, 1.6, std::max(row, 1.2));
        }
        cairo_fill(cr);
        axes(cr, b, 0, t1, 0, static_cast<double>(neurons), "time (ms)", "neuron (channel-major)");
    });
}

void plot_activity(const std::string& base, const SpeckConfig& config, const std::vector<ActivityBin>& ungated,
                   const std::vector<ActivityBin>* gated, std::int64_t bin_us, const std::string& title) {
    struct Panel {
        std::string label;
        std::function<double(const ActivityBin&)> value;
    };
    std::vector<Panel> panels{{"DVS events / bin", [](const ActivityBin& b) { return static_cast<double>(b.dvs_events); }}};
    for (const CoreConfig& c : config.cores) {
        const std::uint32_t id = c.id;
        bool busy = false;
        for (const ActivityBin& b : ungated) busy = busy || (id < b.cores.size() && b.cores[id].synaptic_ops > 0);
        if (!busy) continue;
        panels.push_back({"core " + std::to_string(id) + " synaptic ops / bin", [id](const ActivityBin& b) {
                              return id < b.cores.size() ? static_cast<double>(b.cores[id].synaptic_ops) : 0.0;
                          }});
    }
    panels.push_back({"output spikes / bin", [](const ActivityBin& b) { return static_cast<double>(b.output_spikes); }});
    const int width = 1100, panel_h = 120, gap = 46;
    const int height = 70 + static_cast<int>(panels.size()) * (panel_h + gap) + 20;
    const std::int64_t t0 = ungated.empty() ? 0 : ungated.front().t_begin;
    const double t1 = std::max(static_cast<double>(ungated.size()) * static_cast<double>(bin_us) / 1000.0, 1e-3);
    render(base, width, height, [&](cairo_t* cr) {
        background(cr, width, height);
        cairo_set_source_rgb(cr, 0, 0, 0);
        text(cr, 80, 26, title + " (bins of " + number(static_cast<double>(bin_us) / 1000.0) + " ms)", 13);
        if (gated) {
            cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
            cairo_rectangle(cr, 80, 38, 18, 4);
            cairo_fill(cr);
            cairo_set_source_rgb(cr, 0, 0, 0);
            text(cr, 104, 44, "ungated", 11);
            cairo_set_source_rgb(cr, 0.85, 0.3, 0.1);
            cairo_rectangle(cr, 170, 38, 18, 4);
            cairo_fill(cr);
            cairo_set_source_rgb(cr, 0, 0, 0);
            text(cr, 194, 44, "gated (temporal attention)", 11);
        }
        for (std::size_t p = 0; p < panels.size(); ++p) {
            const Box b{80, 60.0 + static_cast<double>(p) * (panel_h + gap), width - 110.0, static_cast<double>(panel_h)};
            double top = 0;
            for (const ActivityBin& bin : ungated) top = std::max(top, panels[p].value(bin));
            if (gated)
                for (const ActivityBin& bin : *gated) top = std::max(top, panels[p].value(bin));
            if (top <= 0) top = 1;
            auto series = [&](const std::vector<ActivityBin>& bins, double r, double g, double bl, double lw) {
                cairo_set_source_rgb(cr, r, g, bl);
                cairo_set_line_width(cr, lw);
                bool first = true;
                for (const ActivityBin& bin : bins) {
                    const double xa = b.x + ms(bin.t_begin, t0) / t1 * b.w;
                    const double xb = b.x + (ms(bin.t_begin, t0) + static_cast<double>(bin_us) / 1000.0) / t1 * b.w;
                    const double y = b.y + b.h - panels[p].value(bin) / top * b.h;
                    if (first) cairo_move_to(cr, xa, y);
                    else cairo_line_to(cr, xa, y);
                    cairo_line_to(cr, std::min(xb, b.x + b.w), y);
                    first = false;
                }
                cairo_stroke(cr);
            };
            series(ungated, 0.45, 0.45, 0.45, 1.4);
            if (gated) series(*gated, 0.85, 0.3, 0.1, 1.2);
            cairo_set_source_rgb(cr, 0, 0, 0);
            text(cr, b.x, b.y - 6, panels[p].label, 11);
            axes(cr, b, 0, t1, 0, top, p + 1 == panels.size() ? "time (ms)" : "", "");
        }
    });
}

}  // namespace np

namespace np {

std::vector<std::string> write_emulation_pictures(const std::string& dir, const SpeckConfig& config, const EmulationView& ungated,
                                                  const EmulationView* gated, std::int64_t t_begin, std::int64_t t_end,
                                                  std::int64_t bin_us) {
    std::vector<std::string> files;
    auto rasters = [&](const EmulationView& v, const std::string& suffix, const std::string& what) {
        for (const CoreConfig& c : config.cores) {
            const std::vector<OutputSpike>& kept = v.spikes->kept(c.id);
            if (kept.empty()) continue;
            std::string title = "core " + std::to_string(c.id) + what;
            if (v.spikes->count(c.id) > kept.size())
                title += " (first " + std::to_string(kept.size()) + " of " + std::to_string(v.spikes->count(c.id)) + ")";
            const std::string base = dir + "/raster-core" + std::to_string(c.id) + suffix;
            plot_raster(base, c, kept, t_begin, t_end, title);
            files.push_back(base);
        }
    };
    rasters(ungated, "", "");
    if (gated) rasters(*gated, "-gated", ", gated");
    const std::string base = dir + "/activity";
    plot_activity(base, config, ungated.result->timeline, gated ? &gated->result->timeline : nullptr, bin_us,
                  gated ? "activity per layer over time, gated vs ungated" : "activity per layer over time");
    files.push_back(base);
    return files;
}

}  // namespace np
