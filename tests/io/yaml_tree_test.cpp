// The two paths of parse_yaml give one tree. Whatever the fast path (libyaml) accepts must be
// what yaml-cpp's path builds, node for node: type, text, plain or quoted, flow or block,
// mark (line, byte column, offset); and where the fast path accepts a text, yaml-cpp must
// accept it too, or a syntax error would go unreported. Checked on every YAML and JSON file
// of the source tree and on thousands of edited copies of them (bytes deleted, lines
// doubled, YAML's signs inserted), which is where the parsers' dialects part.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "text_check.hpp"
#include "yaml_libyaml.hpp"
#include "yaml_reader.hpp"

namespace {

namespace fs = std::filesystem;
using subsidy::io::detail::Context;
namespace yaml = subsidy::io::detail::yaml;

std::string describe_mark(const yaml::Mark& m) {
    return std::to_string(m.line) + ":" + std::to_string(m.column) + "@" + std::to_string(m.pos);
}

// The first difference between two trees, as a path; "" when they are the same. `budget`
// bounds the nodes compared (an alias is walked again each time).
std::string difference(const yaml::Node& a, const yaml::Node& b, const std::string& path, std::size_t& budget) {
    if (budget == 0) return "";
    --budget;
    if (a.Type() != b.Type()) return path + ": type " + std::to_string(int(a.Type())) + " vs " + std::to_string(int(b.Type()));
    const yaml::Mark ma = a.GetMark(), mb = b.GetMark();
    if (ma.line != mb.line || ma.column != mb.column || ma.pos != mb.pos)
        return path + ": mark " + describe_mark(ma) + " vs " + describe_mark(mb);
    if (a.IsScalar() && (a.Scalar() != b.Scalar() || a.IsPlain() != b.IsPlain()))
        return path + ": scalar '" + std::string(a.Scalar()) + "'" + (a.IsPlain() ? " plain" : "") + " vs '" + std::string(b.Scalar()) + "'" +
               (b.IsPlain() ? " plain" : "");
    if (a.size() != b.size()) return path + ": size " + std::to_string(a.size()) + " vs " + std::to_string(b.size());
    if ((a.IsMap() || a.IsSequence()) && a.IsFlow() != b.IsFlow()) return path + ": flow style differs";
    auto ia = a.begin(), ib = b.begin();
    for (std::size_t k = 0; ia != a.end(); ++ia, ++ib, ++k) {
        const auto ea = *ia, eb = *ib;
        const std::string at = path + "/" + std::to_string(k);
        std::string d = a.IsMap() ? difference(ea.first, eb.first, at + "k", budget) + difference(ea.second, eb.second, at, budget)
                                  : difference(ea, eb, at, budget);
        if (!d.empty()) return d;
    }
    return "";
}

struct Outcome {
    bool checked = false;  // the text passed the checks made before the parser
    bool fast = false;     // libyaml took it
    std::string problem;   // how the paths differ, if they do
};

// Both paths on `text`, as parse_yaml runs them.
Outcome compare(const std::string& text) {
    Outcome out;
    std::string_view body = text;
    if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
    Context cx("f.yaml");
    cx.set_text(body);
    if (!subsidy::io::detail::check_text(cx, body)) return out;
    if (subsidy::io::detail::is_flow_document(body) && !subsidy::io::detail::check_json_comments(cx, body)) return out;
    out.checked = true;
    const std::optional<yaml::Document> fast = yaml::parse_with_libyaml(body, cx.ascii(), 64, 10'000'000);
    if (!fast) return out;
    out.fast = true;
    const yaml::Document reference = subsidy::io::detail::parse_yaml_reference(cx, body);
    if (cx.failed()) {
        out.problem = "libyaml accepts what yaml-cpp refuses";
        return out;
    }
    std::size_t budget = 1'000'000;
    out.problem = difference(fast->root(), reference.root(), "", budget);
    return out;
}

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Every YAML and JSON file of the source tree (but the generated and the very large ones).
std::vector<fs::path> tree_files() {
    std::vector<fs::path> out;
    for (const char* dir : {"data", "examples", "tests", "docs"})
        for (const auto& e : fs::recursive_directory_iterator(fs::path(SUBSIDY_SOURCE_DIR) / dir)) {
            const std::string ext = e.path().extension().string();
            if (e.is_regular_file() && (ext == ".yaml" || ext == ".yml" || ext == ".json") && e.file_size() < 2'000'000) out.push_back(e.path());
        }
    std::sort(out.begin(), out.end());
    return out;
}

TEST(YamlTree, BothPathsGiveOneTreeOnEveryFileOfTheTree) {
    std::size_t fast = 0, files = 0;
    for (const fs::path& p : tree_files()) {
        const Outcome o = compare(read(p));
        ++files;
        fast += o.fast;
        EXPECT_EQ(o.problem, "") << p;
    }
    std::cout << files << " files, " << fast << " read by libyaml\n";
    EXPECT_GT(fast, files / 2);  // the fast path is the common one
}

// A `?` followed by a blank or the end is an explicit key, and a `?` inside a flow collection
// is read otherwise by the two parsers: both left to yaml-cpp. Any other `?` is text to both
// (the query of a URL in a catalog's source), and libyaml reads it.
TEST(YamlTree, AQuestionMarkInsideAScalarStaysOnTheFastPath) {
    for (const char* text : {"source: https://example.org/print.php?id=598\n", "a: ?b\n", "?x: 1\n", "a: x?y\n", "- a?b\n"}) {
        const Outcome o = compare(text);
        EXPECT_TRUE(o.fast) << text;
        EXPECT_EQ(o.problem, "") << text;
    }
    // Explicit keys, and a `?` inside a flow collection (yaml-cpp refuses `{a: x?}`).
    for (const char* text : {"? a\n: 1\n", "?\n", "{? a: 1}\n", "- ? a\n  : b\n", "a: 1\n?", "{a: x?}\n", "- [y?]\n"}) {
        EXPECT_TRUE(yaml::needs_reference_parser(text)) << text;
        EXPECT_FALSE(compare(text).fast) << text;
    }
}

// One random edit of `text`.
std::string edited(const std::string& text, std::mt19937& rng) {
    static const std::vector<std::string> signs = {"-",  ":",  ",",  "[", "]", "{", "}",  "#",    "&a", "*a", "!",  "|",  ">",  "'",
                                                   "\"", "%",  "@",  "`", "?", "~", " ",  "\n",   "\r\n", "é",  "- ", ": ", "\n- ", "\n  ",
                                                   "\\", "  ", "---", "...", "{}", "[]", "null", "\"\"", "&a ", "*a "};
    std::string t = text;
    if (t.empty()) return signs[rng() % signs.size()];
    const std::size_t at = rng() % t.size();
    switch (rng() % 4) {
        case 0: t.erase(at, 1 + rng() % 4); break;
        case 1: t.insert(at, signs[rng() % signs.size()]); break;
        case 2: {  // a line doubled
            const std::size_t start = t.rfind('\n', at) == std::string::npos ? 0 : t.rfind('\n', at) + 1;
            const std::size_t end = t.find('\n', at) == std::string::npos ? t.size() : t.find('\n', at) + 1;
            t.insert(start, t.substr(start, end - start));
            break;
        }
        default: t[at] = signs[rng() % signs.size()][0]; break;
    }
    return t;
}

// The lines of `edited` that `original` does not have, to show where an edit went.
std::string edited_lines(const std::string& original, const std::string& edited) {
    std::vector<std::string> before;
    std::istringstream a(original), b(edited);
    for (std::string line; std::getline(a, line);) before.push_back(line);
    std::string out;
    for (std::string line; std::getline(b, line);)
        if (std::find(before.begin(), before.end(), line) == before.end()) out += "  |" + line + "|\n";
    return out;
}

TEST(YamlTree, BothPathsGiveOneTreeOnEditedFiles) {
    std::vector<std::string> texts;
    for (const fs::path& p : tree_files()) {
        std::string t = read(p);
        if (t.size() < 20'000) texts.push_back(std::move(t));  // small files: many edits a second
    }
    ASSERT_FALSE(texts.empty());
    // SUBSIDY_YAML_EDITS and SUBSIDY_YAML_SEED run more (a long run before a release).
    const char* count = std::getenv("SUBSIDY_YAML_EDITS");
    const char* seed = std::getenv("SUBSIDY_YAML_SEED");
    const long edits = count ? std::atol(count) : 20000;
    std::mt19937 rng(seed ? static_cast<unsigned>(std::atol(seed)) : 20261201u);
    std::size_t fast = 0, failures = 0;
    for (long k = 0; k < edits; ++k) {
        const std::string& original = texts[rng() % texts.size()];
        std::string t = original;
        for (int edits = 1 + static_cast<int>(rng() % 3); edits > 0; --edits) t = edited(t, rng);
        const Outcome o = compare(t);
        fast += o.fast;
        if (!o.problem.empty() && ++failures <= 40) ADD_FAILURE() << o.problem << "\n--- lines edited ---\n" << edited_lines(original, t);
    }
    EXPECT_EQ(failures, 0u);
    std::cout << edits << " edited files, " << fast << " read by libyaml\n";
    EXPECT_GT(fast, static_cast<std::size_t>(edits / 5));
}

}  // namespace
