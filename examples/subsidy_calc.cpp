// subsidy-calc: the thin driver over subsidy::io. All logic stays in the library; this file
// only parses the command line, calls the library and writes what it returns.
//
// Exit status: 0 success; 2 bad input (diagnostics on stderr, nothing on stdout, no output
// file); 1 internal error.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <subsidy/io/catalog.hpp>
#include <subsidy/io/report.hpp>
#include <subsidy/io/scenario.hpp>
#include <subsidy/version.hpp>

#include "output_file.hpp"

namespace {

namespace fs = std::filesystem;
using namespace subsidy;

constexpr int bad_input = 2;
constexpr int internal_error = 1;

// Writes `text` to `path` ("" or "-": standard output) all at once, never a partial file.
void emit(const std::string& text, const std::string& path) {
    if (path.empty() || path == "-") {
        std::cout << text << std::flush;
        return;
    }
    subsidy_drivers::write_file_atomically(path, [&](std::ostream& out) { out << text; });
}

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

// A file is a scenario if it names a catalog, else a catalog.
bool is_scenario(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("catalog:", 0) == 0 || line.find("\"catalog\"") != std::string::npos) return true;
    return false;
}

std::string default_catalog() {
    const std::string found = io::find_catalog("pvd");
    return found.empty() ? "pvd.yaml" : found;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"subsidy-calc: exact public funding — funding plans and financing envelopes"};
    app.set_version_flag("--version", std::string("subsidy-calc ") + SUBSIDY_VERSION_STRING);
    app.require_subcommand(1);

    std::string scenario_path, by = "town,pillar", format = "table", output, project;
    bool full = false;
    auto* compute = app.add_subcommand("compute", "The financing envelopes of a scenario");
    compute->add_option("SCENARIO", scenario_path, "Scenario file (- reads standard input)")->required();
    compute->add_option("--by", by, "Grouping: town, epci, department, pillar, funder, measure, year (comma-separated)")
        ->capture_default_str();
    compute->add_option("--format", format, "table, csv or json")
        ->check(CLI::IsMember({"table", "csv", "json"}))
        ->capture_default_str();
    compute->add_option("-o,--output", output, "Write to this file instead of standard output");
    compute->add_flag("--full", full, "Show every town (and pillar…) of the territory, with 0.00 where nothing is paid");
    unsigned threads = 0;
    compute->add_option("--threads", threads, "Threads computing the plans (0: one per hardware thread)")->capture_default_str();

    std::string explain_format = "text";
    auto* explain = app.add_subcommand("explain", "The funding plan of one project, with its whole trace");
    explain->add_option("SCENARIO", scenario_path, "Scenario file (- reads standard input)")->required();
    explain->add_option("--project", project, "Project id")->required();
    explain->add_option("--format", explain_format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
    explain->add_option("-o,--output", output, "Write to this file instead of standard output");

    std::vector<std::string> files;
    auto* validate = app.add_subcommand("validate", "Check catalog and scenario files; report every problem");
    validate->add_option("FILE", files, "Catalog or scenario files")->required();

    std::string catalog_path;
    auto* catalog = app.add_subcommand("catalog", "List a catalog's measures with rates, ceilings, validity and sources");
    catalog->add_option("FILE", catalog_path, "Catalog file (default: the PVD catalog)");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : bad_input;
    }

    try {
        if (*compute) {
            const auto dims = dimensions_of(by);
            const io::Scenario s = io::load_scenario(scenario_path);
            const io::Evaluation ev = io::evaluate_envelopes(s, dims, threads);
            std::ostringstream text;
            io::write_envelopes(text, s, ev, dims, format_of(format), full ? Grid::full : Grid::sparse);
            emit(text.str(), output);
        } else if (*explain) {
            const io::Scenario s = io::load_scenario(scenario_path);
            std::size_t index = s.projects.size();
            for (std::size_t i = 0; i < s.projects.size(); ++i)
                if (s.projects[i].id == project) index = i;
            if (index == s.projects.size())
                throw io::load_error({io::Diagnostic{s.path, 0, 0, "no project '" + project + "' in the scenario"}});
            const io::Evaluation ev = io::evaluate(s, true);
            std::ostringstream text;
            io::write_plan(text, s, ev, index, format_of(explain_format));
            emit(text.str(), output);
        } else if (*validate) {
            std::vector<io::Diagnostic> all;
            for (const std::string& f : files) {
                try {
                    if (is_scenario(f)) {
                        const io::Scenario s = io::load_scenario(f);
                        (void)io::evaluate(s, false);
                    } else {
                        (void)io::load_catalog(f);
                    }
                } catch (const io::load_error& e) {
                    all.insert(all.end(), e.diagnostics().begin(), e.diagnostics().end());
                } catch (const subsidy::error& e) {  // a problem without a position: name the file
                    all.push_back(io::Diagnostic{f, 0, 0, e.what()});
                }
            }
            if (!all.empty()) throw io::load_error(std::move(all));
            std::cerr << files.size() << (files.size() == 1 ? " file" : " files") << " valid\n";
        } else if (*catalog) {
            const io::Catalog c = io::load_catalog(catalog_path.empty() ? default_catalog() : catalog_path);
            std::ostringstream text;
            io::write_catalog(text, c);
            emit(text.str(), "");
        }
        return 0;
    } catch (const io::load_error& e) {
        for (const io::Diagnostic& d : e.diagnostics()) std::cerr << d.to_string() << '\n';
        return bad_input;
    } catch (const subsidy::error& e) {
        std::cerr << "subsidy-calc: " << e.what() << '\n';
        return bad_input;
    } catch (const std::exception& e) {
        std::cerr << "subsidy-calc: internal error: " << e.what() << '\n';
        return internal_error;
    }
}
