// libFuzzer targets for the file readers of subsidy::io, one per loader, each built from this
// file with its own SUBSIDY_FUZZ_LOADER_* definition (CMakeLists.txt):
//   fuzz_catalog   SUBSIDY_FUZZ_LOADER_CATALOG: every input is read by parse_catalog;
//   fuzz_scenario  SUBSIDY_FUZZ_LOADER_SCENARIO: every input is read by parse_scenario, with
//                  base_dir and the data directories at data/catalogs, so that
//                  `catalog: pvd.yaml` and `catalog: pvd` resolve to the PVD catalog.
//
// A reader may only fail with subsidy::io::load_error (its diagnostics) or subsidy::error; any
// other exception escapes and aborts the fuzzer (std::terminate), and so do crashes, sanitizer
// reports, hangs (-timeout) and runaway memory (-rss_limit_mb). See README.md.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <subsidy/error.hpp>
#include <subsidy/io/catalog.hpp>
#include <subsidy/io/diagnostics.hpp>
#include <subsidy/io/scenario.hpp>

#ifndef SUBSIDY_FUZZ_CATALOG_DIR
#error "SUBSIDY_FUZZ_CATALOG_DIR (the absolute path of data/catalogs) must be defined"
#endif
#if defined(SUBSIDY_FUZZ_LOADER_CATALOG) == defined(SUBSIDY_FUZZ_LOADER_SCENARIO)
#error "define exactly one of SUBSIDY_FUZZ_LOADER_CATALOG and SUBSIDY_FUZZ_LOADER_SCENARIO"
#endif

namespace {

#ifdef SUBSIDY_FUZZ_LOADER_SCENARIO
// A scenario names its catalog by a path that the reader opens: the fuzzer must not make it
// open the system's special files (devices, /proc, /sys), whatever it writes.
bool names_system_files(std::string_view text) {
    for (std::string_view dir : {"dev/", "proc/", "sys/", "dev\\", "proc\\", "sys\\"})
        if (text.find(dir) != std::string_view::npos) return true;
    return false;
}
#endif

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
#ifdef SUBSIDY_FUZZ_LOADER_CATALOG
    try {
        const subsidy::io::Catalog catalog = subsidy::io::parse_catalog(text, "fuzz-catalog.yaml");
        (void)catalog;
    } catch (const subsidy::io::load_error&) {
    } catch (const subsidy::error&) {
    }
#else
    if (names_system_files(text)) return -1;  // not added to the corpus
    try {
        static const std::vector<std::string> data_dirs{SUBSIDY_FUZZ_CATALOG_DIR};
        const subsidy::io::Scenario scenario =
            subsidy::io::parse_scenario(text, "fuzz-scenario.yaml", SUBSIDY_FUZZ_CATALOG_DIR, data_dirs);
        (void)scenario;
    } catch (const subsidy::io::load_error&) {
    } catch (const subsidy::error&) {
    }
#endif
    return 0;
}
