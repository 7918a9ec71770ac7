// libFuzzer target for the file readers of subsidy::io: every input is read both as a catalog
// (parse_catalog) and as a scenario (parse_scenario, with base_dir and the data directories at
// data/catalogs, so that `catalog: pvd.yaml` and `catalog: pvd` resolve to the PVD catalog).
//
// A reader may only fail with subsidy::io::load_error (its diagnostics) or subsidy::error; any
// other exception escapes and aborts the fuzzer (std::terminate), and so do crashes, sanitizer
// reports, hangs (-timeout) and runaway memory (-rss_limit_mb). See README.md.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <subsidy/error.hpp>
#include <subsidy/io/catalog.hpp>
#include <subsidy/io/diagnostics.hpp>
#include <subsidy/io/scenario.hpp>

#ifndef SUBSIDY_FUZZ_CATALOG_DIR
#error "SUBSIDY_FUZZ_CATALOG_DIR (the absolute path of data/catalogs) must be defined"
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);

    try {
        const subsidy::io::Catalog catalog = subsidy::io::parse_catalog(text, "fuzz-catalog.yaml");
        (void)catalog;
    } catch (const subsidy::io::load_error&) {
    } catch (const subsidy::error&) {
    }

    try {
        static const std::vector<std::string> data_dirs{SUBSIDY_FUZZ_CATALOG_DIR};
        const subsidy::io::Scenario scenario =
            subsidy::io::parse_scenario(text, "fuzz-scenario.yaml", SUBSIDY_FUZZ_CATALOG_DIR, data_dirs);
        (void)scenario;
    } catch (const subsidy::io::load_error&) {
    } catch (const subsidy::error&) {
    }
    return 0;
}
