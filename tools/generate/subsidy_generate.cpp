// subsidy-generate: writes a deterministic national-scale PVD scenario (subsidy::generate_scenario)
// as a scenario file for subsidy-calc. The generating is all in generator.hpp; this file parses
// the command line, finds the catalog, and writes the file.
//
//     subsidy-generate --towns 1646 --projects 20 --seed 1 -o /tmp/national.yaml
//     subsidy-calc compute /tmp/national.yaml
//
// Exit status: 0 success; 2 bad usage or input (diagnostics on stderr, no output file);
// 1 internal error.
#include <CLI/CLI.hpp>

#include <cstdint>
#include <filesystem>
#include <iostream>
#include <optional>
#include <streambuf>
#include <string>
#include <vector>

#include <generate/generator.hpp>
#include <subsidy/io/catalog.hpp>
#include <subsidy/io/diagnostics.hpp>
#include <subsidy/io/scenario_writer.hpp>
#include <subsidy/version.hpp>

#include "output_file.hpp"

namespace {

namespace fs = std::filesystem;
using namespace subsidy;

constexpr int bad_input = 2;
constexpr int internal_error = 1;

// The catalog file `ref` names: a path as given, or `<id>.yaml` in the data directories
// (io::find_catalog: `data_dirs`, else $SUBSIDY_DATA_DIR, the installed and source ones).
fs::path find_catalog(const std::string& ref, const std::vector<std::string>& data_dirs) {
    if (io::is_catalog_path(ref)) {
        if (!fs::exists(ref)) throw io::load_error({io::Diagnostic{ref, 0, 0, io::Code::cannot_read, "catalog: no such file"}});
        return fs::path(ref);
    }
    if (std::string found = io::find_catalog(ref, data_dirs); !found.empty()) return found;
    std::string searched;
    for (const std::string& dir : io::catalog_dirs(data_dirs)) searched += (searched.empty() ? "" : ", ") + dir;
    throw io::load_error({io::Diagnostic{ref, 0, 0, io::Code::unknown_id, "catalog: no catalog '" + ref + "' in the data directories (" + searched +
                                                        "); give its path instead"}});
}

// How the written scenario names the catalog: an id as given; a path relative to the
// directory the scenario is read from (the output's, or the current one for standard output),
// or absolute when there is no relative path (another root).
std::string catalog_ref_for(const std::string& ref, const fs::path& catalog, const std::string& output) {
    if (!io::is_catalog_path(ref)) return ref;
    const fs::path base = output == "-" ? fs::current_path() : fs::absolute(output).parent_path();
    const fs::path absolute = fs::absolute(catalog).lexically_normal();
    const fs::path relative = absolute.lexically_relative(base);
    return relative.empty() ? absolute.string() : relative.string();
}

// Counts what goes through to `sink`, for the summary.
class CountingBuffer : public std::streambuf {
public:
    explicit CountingBuffer(std::streambuf* sink) : sink_(sink) {}
    [[nodiscard]] std::uintmax_t count() const noexcept { return count_; }

protected:
    int_type overflow(int_type c) override {
        if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
        ++count_;
        return sink_->sputc(traits_type::to_char_type(c));
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        const std::streamsize written = sink_->sputn(s, n);
        count_ += static_cast<std::uintmax_t>(written);
        return written;
    }
    int sync() override { return sink_->pubsync(); }

private:
    std::streambuf* sink_;
    std::uintmax_t count_ = 0;
};

// Writes the scenario to `path` ("-": standard output) and returns its size in bytes; a file
// is written all at once, by the output rules (output_file.hpp; the catalog read may not be it).
std::uintmax_t emit(const std::string& header, const io::Catalog& catalog, const std::string& catalog_ref,
                    const GeneratedScenario& s, const std::string& path) {
    auto write = [&](std::streambuf* sink) {
        CountingBuffer counter(sink);
        std::ostream out(&counter);
        out << header;
        io::write_scenario(out, catalog_ref, catalog.program, s.territory, s.projects, s.budgets);
        out.flush();
        return out ? std::optional<std::uintmax_t>(counter.count()) : std::nullopt;
    };
    std::uintmax_t bytes = 0;  // standard output ("-") too: every write checked, exit 1 on failure
    subsidy_drivers::write_output_with(path, {catalog.path}, [&](std::ostream& file) {
        if (const auto counted = write(file.rdbuf()))
            bytes = *counted;
        else
            file.setstate(std::ios::failbit);  // written past the stream: make the failure the file's
    });
    return bytes;
}

// What the command line asks for.
struct Request {
    GeneratorOptions options;
    std::string catalog_ref = "pvd";
    std::string output;
    std::vector<std::string> data_dirs;
};

// Declares the options, which fill `r` when `app` parses the command line.
void declare_options(CLI::App& app, Request& r) {
    // CLI11 reads "-1" into an unsigned option as 2^64 − 1: only digits are accepted.
    const CLI::Validator whole_number(
        [](std::string& text) {
            return !text.empty() && text.find_first_not_of("0123456789") == std::string::npos
                       ? std::string()
                       : "expected a whole number, found '" + text + "'";
        },
        "WHOLE NUMBER");
    auto* towns = app.add_option("--towns", r.options.towns, "Number of PVD towns (populations below 20,000)")
                      ->check(whole_number)
                      ->capture_default_str();
    app.add_flag("--all-communes", r.options.all_communes, "The whole of France: 35,000 communes of 50 to 300,000 inhabitants")
        ->excludes(towns);
    app.add_option("--projects", r.options.projects_per_town, "Projects per town (at most 999)")
        ->check(whole_number)
        ->capture_default_str();
    app.add_option("--seed", r.options.seed, "Seed: the same seed gives the same file")
        ->check(whole_number)
        ->capture_default_str();
    app.add_option("--catalog", r.catalog_ref,
                   "Catalog: an id looked up as <id>.yaml in the data directories, or a path; the scenario names it so "
                   "(a path relative to the output's directory)")
        ->capture_default_str();
    app.add_option("--data-dir", r.data_dirs,
                   "Where to look a catalog id up (default: io::catalog_dirs(), $SUBSIDY_DATA_DIR first, then the "
                   "installed package's catalogs); subsidy-calc looks the id up in its own directories");
    app.add_option("-o,--output", r.output, "Scenario file to write (- writes standard output)")->required();
}

// The file's first line: the command that writes it again.
std::string header_of(const GeneratorOptions& options) {
    return "# subsidy-generate " +
           (options.all_communes ? std::string("--all-communes") : "--towns " + std::to_string(options.towns)) +
           " --projects " + std::to_string(options.projects_per_town) + " --seed " + std::to_string(options.seed) + "\n";
}

// Generates and writes the scenario, and says on standard error what it holds; returns the
// exit status.
int generate(const Request& r) {
    try {
        const fs::path catalog_path = find_catalog(r.catalog_ref, r.data_dirs);
        const io::Catalog catalog = io::load_catalog(catalog_path.string());
        const GeneratedScenario s = generate_scenario(catalog.program, r.options);
        std::size_t project_years = 0;
        for (const Project& p : s.projects) project_years += p.expenses.size();
        const std::uintmax_t bytes =
            emit(header_of(r.options), catalog, catalog_ref_for(r.catalog_ref, catalog_path, r.output), s, r.output);
        std::cerr << (r.output == "-" ? std::string("<stdout>") : r.output) << ": " << s.territory.communes().size()
                  << " towns, " << s.territory.epcis().size() << " EPCIs, " << s.projects.size() << " projects, "
                  << project_years << " project-years, " << s.budgets.size() << " budgets, " << bytes << " bytes\n";
        return 0;
    } catch (const io::load_error& e) {
        for (const io::Diagnostic& d : e.diagnostics()) std::cerr << d.to_string() << '\n';
        return bad_input;
    } catch (const subsidy::error& e) {
        std::cerr << "subsidy-generate: " << e.what() << '\n';
        return bad_input;
    } catch (const subsidy_drivers::output_error& e) {  // the scenario could not be written
        std::cerr << "subsidy-generate: " << e.what() << '\n';
        return internal_error;
    } catch (const std::exception& e) {
        std::cerr << "subsidy-generate: internal error: " << e.what() << '\n';
        return internal_error;
    }
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"subsidy-generate: a deterministic national-scale PVD scenario for subsidy-calc"};
    app.set_version_flag("--version", std::string("subsidy-generate ") + SUBSIDY_VERSION_STRING);
    Request request;
    declare_options(app, request);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : bad_input;
    }
    return generate(request);
}
