// subsidy-calc: the thin driver over subsidy::io. All logic stays in the library; this file
// only parses the command line, calls the library and writes what it returns.
//
// Exit status: 0 success; 2 bad input (diagnostics on stderr, nothing on stdout, no output
// file); 1 internal error.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <new>
#include <sstream>
#include <variant>

#include <subsidy/io/catalog.hpp>
#include <subsidy/io/report.hpp>
#include <subsidy/io/scenario.hpp>
#include <subsidy/version.hpp>

#include "output_file.hpp"
#include "progress.hpp"

namespace {

namespace fs = std::filesystem;
using namespace subsidy;

constexpr int bad_input = 2;
constexpr int internal_error = 1;

// Writes `text` to `path` ("" or "-": standard output) all at once, never a partial file
// (output_file.hpp: special files written in place, symlinks followed, an input of the run
// refused). `inputs` are the files the run read.
void emit(const std::string& text, const std::string& path, const std::vector<std::string>& inputs) {
    subsidy_drivers::write_output(path, text, inputs);
}

// The files a scenario run read: the scenario and its catalog.
std::vector<std::string> inputs_of(const io::Scenario& s) { return {s.path, s.catalog.path}; }

io::OutputFormat format_of(const std::string& name) {
    if (name == "table") return io::OutputFormat::table;
    if (name == "csv") return io::OutputFormat::csv;
    if (name == "json") return io::OutputFormat::json;
    return io::OutputFormat::text;
}

std::vector<Dimension> dimensions_of(const std::string& list) {
    std::vector<Dimension> by;
    std::stringstream in(list);
    std::string item;
    while (std::getline(in, item, ',')) by.push_back(parse_dimension(item));
    if (by.empty()) throw parse_error("grouping", list, "expected dimensions such as town,pillar");
    return by;
}

std::string default_catalog() {
    const std::string found = io::find_catalog("pvd");
    return found.empty() ? "pvd.yaml" : found;
}

// The command line: the values of every subcommand's arguments and options.
struct Options {
    std::string scenario_path, by = "town,pillar", format = "table", output;
    std::vector<std::string> projects;  // explain: ids, repeated or comma-separated; "all": every one
    bool all_projects = false;          // explain --all
    bool full = false;
    bool strict = false;  // warnings are errors
    bool quiet = false;   // no progress on a terminal
    unsigned threads = 0;
    std::string explain_format = "text";
    std::vector<std::string> files;
    std::string catalog_path;
};

struct Commands {
    CLI::App* compute = nullptr;
    CLI::App* explain = nullptr;
    CLI::App* cuts = nullptr;
    CLI::App* validate = nullptr;
    CLI::App* catalog = nullptr;
};

Commands declare_commands(CLI::App& app, Options& o) {
    Commands c;
    c.compute = app.add_subcommand("compute", "The financing envelopes of a scenario");
    c.compute->add_option("SCENARIO", o.scenario_path, "Scenario file (- reads standard input)")->required();
    c.compute->add_option("--by", o.by, "Grouping: town, epci, department, pillar, funder, measure, year (comma-separated)")
        ->capture_default_str();
    c.compute->add_option("--format", o.format, "table, csv or json")
        ->check(CLI::IsMember({"table", "csv", "json"}))
        ->capture_default_str();
    c.compute->add_option("-o,--output", o.output, "Write to this file instead of standard output");
    c.compute->add_flag("--full", o.full, "Show every town (and pillar…) of the territory, with 0.00 where nothing is paid");
    c.compute->add_option("--threads", o.threads, "Threads computing the plans (0: one per hardware thread)")->capture_default_str();

    c.explain = app.add_subcommand("explain", "The funding plans of projects, with their whole trace");
    c.explain->add_option("SCENARIO", o.scenario_path, "Scenario file (- reads standard input)")->required();
    CLI::Option* all = c.explain->add_flag("--all", o.all_projects, "Every project of the scenario, in its order");
    c.explain->add_option("--project", o.projects, "Project id (repeatable, or ids separated by commas; all: every project)")
        ->delimiter(',')
        ->excludes(all);
    c.explain->add_option("--format", o.explain_format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
    c.explain->add_option("-o,--output", o.output, "Write to this file instead of standard output");

    c.cuts = app.add_subcommand("cuts", "Every line the stacking law or a budget cut, with the rule, its source and why");
    c.cuts->add_option("SCENARIO", o.scenario_path, "Scenario file (- reads standard input)")->required();
    c.cuts->add_option("--format", o.format, "table, csv or json")
        ->check(CLI::IsMember({"table", "csv", "json"}))
        ->capture_default_str();
    c.cuts->add_option("-o,--output", o.output, "Write to this file instead of standard output");

    c.validate = app.add_subcommand("validate", "Check catalog and scenario files; report every problem");
    c.validate->add_option("FILE", o.files, "Catalog or scenario files (- reads standard input)")->required();

    c.catalog = app.add_subcommand("catalog", "List a catalog's measures with rates, ceilings, validity and sources");
    c.catalog->add_option("FILE", o.catalog_path, "Catalog file, or a catalog id such as pvd as a scenario names it (default: pvd)");
    for (CLI::App* sub : {c.compute, c.explain, c.cuts, c.validate, c.catalog})
        sub->add_flag("--strict,--warnings-as-errors", o.strict, "Treat every warning as an error (exit 2, nothing written)");
    for (CLI::App* sub : {c.compute, c.explain, c.cuts, c.validate})
        sub->add_flag("-q,--quiet", o.quiet, "No progress on standard error (shown on a terminal for steps longer than a second)");
    return c;
}

// Prints the warnings on stderr; with --strict they are errors: nothing is written, exit 2.
void settle(std::vector<io::Diagnostic> warnings, const Options& o) {
    if (o.strict && !warnings.empty()) throw io::load_error(std::move(warnings));
    for (const io::Diagnostic& w : warnings) std::cerr << w.to_string() << '\n';
}

std::vector<io::Diagnostic> warnings_of(const io::Scenario& s, const io::Evaluation& ev) {
    std::vector<io::Diagnostic> all = s.warnings;
    all.insert(all.end(), ev.warnings.begin(), ev.warnings.end());
    return all;
}

// The scenario of `o`, read with its progress shown.
io::Scenario read_scenario(const Options& o, subsidy_drivers::Progress& progress) {
    using subsidy_drivers::with_commas;
    progress.begin("reading " + o.scenario_path);
    io::Scenario s = io::load_scenario(o.scenario_path);
    progress.end("read " + with_commas(s.projects.size()) + " projects, " + with_commas(s.territory.communes().size()) + " communes");
    return s;
}

void run_compute(const Options& o) {
    const auto dims = dimensions_of(o.by);
    subsidy_drivers::Progress progress(!o.quiet);
    const io::Scenario s = read_scenario(o, progress);
    progress.begin("planning " + subsidy_drivers::with_commas(s.projects.size()) + " projects");
    const io::Evaluation ev = io::evaluate_envelopes(s, dims, o.threads);
    progress.end("planned " + subsidy_drivers::with_commas(s.projects.size()) + " projects");
    settle(warnings_of(s, ev), o);
    progress.begin("writing the envelopes");
    std::ostringstream text;
    io::write_envelopes(text, s, ev, dims, format_of(o.format), o.full ? Grid::full : Grid::sparse);
    emit(text.str(), o.output, inputs_of(s));
    progress.end("wrote the envelopes");
}

// The numbers of the projects asked for, in the order asked (each once; `all` or --all: every
// project, in the scenario's order). Every unknown id is reported, all at once, before
// anything is computed.
std::vector<std::size_t> projects_asked(const io::Scenario& s, const Options& o) {
    std::vector<std::size_t> indices;
    std::vector<io::Diagnostic> unknown;
    const bool all = o.all_projects || std::find(o.projects.begin(), o.projects.end(), "all") != o.projects.end();
    for (std::size_t i = 0; all && i < s.projects.size(); ++i) indices.push_back(i);
    for (const std::string& id : all ? std::vector<std::string>{} : o.projects) {
        std::size_t index = s.projects.size();
        for (std::size_t i = 0; i < s.projects.size(); ++i)
            if (s.projects[i].id == id) index = i;
        if (index == s.projects.size()) {
            unknown.push_back(io::Diagnostic{s.path, 0, 0, io::Code::unknown_id, "no project '" + id + "' in the scenario"});
        } else if (std::find(indices.begin(), indices.end(), index) == indices.end()) {
            indices.push_back(index);
        }
    }
    if (!unknown.empty()) throw io::load_error(std::move(unknown));
    return indices;
}

// One project asked by id: its plan alone, as it always was; several (or all): write_plans.
void run_explain(const Options& o) {
    if (o.projects.empty() && !o.all_projects)
        throw subsidy::invalid_argument("explain: give --project ID (repeatable, or ids separated by commas), --project all or --all");
    subsidy_drivers::Progress progress(!o.quiet);
    const io::Scenario s = read_scenario(o, progress);
    const std::vector<std::size_t> indices = projects_asked(s, o);
    progress.begin("planning and tracing " + subsidy_drivers::with_commas(s.projects.size()) + " projects");
    const io::Evaluation ev = io::evaluate(s, true);
    progress.end("planned " + subsidy_drivers::with_commas(s.projects.size()) + " projects");
    settle(warnings_of(s, ev), o);
    const bool one = !o.all_projects && o.projects.size() == 1 && o.projects.front() != "all";
    std::ostringstream text;
    if (one) {
        io::write_plan(text, s, ev, indices.front(), format_of(o.explain_format));
    } else {
        io::write_plans(text, s, ev, indices, format_of(o.explain_format));
    }
    emit(text.str(), o.output, inputs_of(s));
}

// The traced plans of every project, then the cuts read off their traces.
void run_cuts(const Options& o) {
    subsidy_drivers::Progress progress(!o.quiet);
    const io::Scenario s = read_scenario(o, progress);
    progress.begin("planning and tracing " + subsidy_drivers::with_commas(s.projects.size()) + " projects");
    const io::Evaluation ev = io::evaluate(s, true);
    progress.end("planned " + subsidy_drivers::with_commas(s.projects.size()) + " projects");
    settle(warnings_of(s, ev), o);
    std::ostringstream text;
    io::write_cuts(text, s, ev, format_of(o.format));
    emit(text.str(), o.output, inputs_of(s));
}

// The problems of one file: its errors (a load_error), else its warnings.
std::vector<io::Diagnostic> check_file(const std::string& f) {
    try {
        auto loaded = io::load_file(f);
        if (const auto* c = std::get_if<io::Catalog>(&loaded)) return c->warnings;
        const io::Scenario& s = std::get<io::Scenario>(loaded);
        return warnings_of(s, io::evaluate(s, true));  // traced: the warnings say why
    } catch (const io::load_error& e) {
        return e.diagnostics();
    } catch (const subsidy::error& e) {  // a problem without a position: name the file
        return {io::Diagnostic{f, 0, 0, io::Code::cannot_compute, e.what()}};
    }
}

std::string count_of(std::size_t n, const char* what) { return std::to_string(n) + " " + what + (n == 1 ? "" : "s"); }

// Every file is checked (a scenario is also computed), then every problem is reported:
// "2 files valid, 3 warnings", or the errors (and warnings) and exit 2.
void run_validate(const Options& o) {
    std::vector<io::Diagnostic> all;
    bool failed = false;
    subsidy_drivers::Progress progress(!o.quiet);
    for (const std::string& f : o.files) {
        progress.begin("checking " + f);
        for (io::Diagnostic& d : check_file(f)) {
            failed = failed || !d.warning() || o.strict;
            all.push_back(std::move(d));
        }
        progress.end("checked " + f);
    }
    if (failed) throw io::load_error(std::move(all));
    for (const io::Diagnostic& w : all) std::cerr << w.to_string() << '\n';
    std::cerr << count_of(o.files.size(), "file") << " valid";
    if (!all.empty()) std::cerr << ", " << count_of(all.size(), "warning");
    std::cerr << '\n';
}

// The FILE of `catalog`, read as a scenario's `catalog:` is: a path if it looks like one (a
// '/', or .yaml, .yml, .json at the end), else a catalog id looked up in the data directories.
std::string catalog_file(const std::string& given) {
    if (given.empty()) return default_catalog();
    if (io::is_catalog_path(given)) return given;
    if (std::string found = io::find_catalog(given); !found.empty()) return found;
    std::string searched;
    for (const std::string& dir : io::catalog_dirs()) searched += (searched.empty() ? "" : ", ") + dir;
    throw io::load_error({io::Diagnostic{given, 0, 0, io::Code::cannot_read,
                                         "no catalog '" + given + "' in the data directories (" +
                                             (searched.empty() ? "none" : searched) +
                                             "); give a catalog id found there, or a path (with a '/', or ending in .yaml, .yml or .json)"}});
}

void run_catalog(const Options& o) {
    const io::Catalog c = io::load_catalog(catalog_file(o.catalog_path));
    settle(c.warnings, o);
    std::ostringstream text;
    io::write_catalog(text, c);
    emit(text.str(), "", {c.path});
}

// Runs the subcommand given; its problems become diagnostics on stderr and the exit status.
int run(const Commands& c, const Options& o) {
    try {
        if (*c.compute) {
            run_compute(o);
        } else if (*c.explain) {
            run_explain(o);
        } else if (*c.cuts) {
            run_cuts(o);
        } else if (*c.validate) {
            run_validate(o);
        } else if (*c.catalog) {
            run_catalog(o);
        }
        return 0;
    } catch (const io::load_error& e) {
        for (const io::Diagnostic& d : e.diagnostics()) std::cerr << d.to_string(o.strict) << '\n';
        return bad_input;
    } catch (const subsidy_drivers::output_error& e) {  // the report could not be written
        std::cerr << "subsidy-calc: " << e.what() << '\n';
        return internal_error;
    } catch (const subsidy::error& e) {
        std::cerr << "subsidy-calc: " << e.what() << '\n';
        return bad_input;
    } catch (const std::bad_alloc&) {  // an input too large for this machine's memory
        std::cerr << "subsidy-calc: out of memory: the input needs more memory than this machine gives (see docs/diagnostics.md, limits)\n";
        return internal_error;
    } catch (const std::exception& e) {
        std::cerr << "subsidy-calc: internal error: " << e.what() << '\n';
        return internal_error;
    }
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"subsidy-calc: exact public funding — funding plans and financing envelopes"};
    app.set_version_flag("--version", std::string("subsidy-calc ") + SUBSIDY_VERSION_STRING);
    app.require_subcommand(1);
    Options options;
    const Commands commands = declare_commands(app, options);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : bad_input;
    }
    return run(commands, options);
}
