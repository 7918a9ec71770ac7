// Unit tests of the text layer of subsidy::io's readers: subsidy::detail::excerpt
// (error.hpp), the "did you mean" of src/yaml_reader.hpp (closest, Vocabulary) and the text
// checks of src/text_check.hpp. The readers' diagnostics themselves are checked through the
// driver by the bad-input corpus (tests/io/bad/) and tests/io/limits/.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <vector>

#include "subsidy/error.hpp"
#include "text_check.hpp"
#include "yaml_reader.hpp"

namespace {

using subsidy::detail::excerpt;
using subsidy::io::Code;
using subsidy::io::Diagnostic;
using subsidy::io::detail::closest;
using subsidy::io::detail::Context;
using subsidy::io::detail::Vocabulary;

TEST(Excerpt, ShortTextIsWhole) {
    EXPECT_EQ(excerpt(""), "");
    EXPECT_EQ(excerpt("45 000,00 €"), "45 000,00 €");
    EXPECT_EQ(excerpt(std::string(60, 'a')), std::string(60, 'a'));
}

TEST(Excerpt, LongTextIsCutWithAnEllipsis) {
    EXPECT_EQ(excerpt(std::string(61, 'a')), std::string(60, 'a') + "\u2026");
    EXPECT_EQ(excerpt(std::string(100'000'000, 'x')).size(), 60 + 3);
    EXPECT_EQ(excerpt("abcdef", 3), "abc\u2026");
}

TEST(Excerpt, CountsCodePointsAndNeverCutsOne) {
    // 60 two-byte letters are 60 characters, kept whole; a 61st is cut after the 60th.
    std::string e;
    for (int i = 0; i < 60; ++i) e += "é";
    EXPECT_EQ(excerpt(e), e);
    EXPECT_EQ(excerpt(e + "é"), e + "\u2026");
    EXPECT_EQ(excerpt("€€€€", 2), "€€\u2026");        // three bytes each
    EXPECT_EQ(excerpt("a😀b😀c", 2), "a😀\u2026");  // four bytes
}

TEST(Excerpt, InvalidUtf8IsCutBetweenBytes) {
    EXPECT_EQ(excerpt("\xff\xfe\xfd", 2), "\xff\xfe\u2026");
    EXPECT_EQ(excerpt("\x80\x80\x80", 1), "\x80\x80\x80");  // continuation bytes only: no character starts
}

TEST(ParseError, QuotesAnExcerptAndKeepsTheInput) {
    const std::string input(1000, '9');
    const subsidy::parse_error e("money", input, "too long");
    EXPECT_EQ(std::string(e.what()), "bad money \"" + std::string(60, '9') + "\u2026\": too long");
    EXPECT_EQ(e.input(), input);
}

TEST(Closest, AtMostAThirdOfTheLettersAndTheFirstOfTheNearest) {
    const std::vector<std::string> words{"ceiling", "ceilings", "rate", "rates", "rounding"};
    EXPECT_EQ(closest("ceilling", words), "ceiling");
    EXPECT_EQ(closest("rat", words), "rate");  // rate and rates: rate is nearer
    EXPECT_EQ(closest("rxtx", words), "");     // 2 edits in 4 letters: too far
    EXPECT_EQ(closest("", words), "");
    EXPECT_EQ(closest("ab", {"xb", "ab"}), "ab");  // exact beats the earlier near one
    EXPECT_EQ(closest("abcdef", {"abcxxf", "abxdef", "abcdex"}), "abxdef");
}

// The Levenshtein distance, computed in full: the reference the fast ones are checked against.
std::size_t distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

// What closest() must give: the first of the nearest within `cap` and a third of the letters.
std::string reference(const std::string& word, const std::vector<std::string>& words, std::size_t cap) {
    std::string best;
    std::size_t best_distance = std::min(word.size() / 3, cap) + 1;
    for (const std::string& w : words)
        if (const std::size_t d = distance(word, w); d < best_distance) best = w, best_distance = d;
    return best;
}

std::string random_word(std::mt19937& rng, std::size_t length, const std::string& alphabet) {
    std::string w;
    for (std::size_t i = 0; i < length; ++i) w += alphabet[rng() % alphabet.size()];
    return w;
}

// One to three random edits of `w`.
std::string misspell(std::mt19937& rng, std::string w, const std::string& alphabet) {
    for (unsigned e = 0, n = 1 + rng() % 3; e < n; ++e) {
        const std::size_t at = w.empty() ? 0 : rng() % w.size();
        switch (rng() % 3) {
            case 0: if (!w.empty()) w[at] = alphabet[rng() % alphabet.size()]; break;
            case 1: if (!w.empty()) w.erase(at, 1); break;
            default: w.insert(w.begin() + at, alphabet[rng() % alphabet.size()]);
        }
    }
    return w;
}

// Short codes (the deletion index), long ids (the pieces) and lengths in between, each
// against the reference, in a small list (scanned: no cap) and a large one (indexed: 2 edits).
TEST(Vocabulary, GivesTheReferenceAnswer) {
    std::mt19937 rng(12);
    for (const std::string alphabet : {"0123456789", "abcdefghijklmnopqrstuvwxyz_"}) {
        for (const std::size_t count : {std::size_t{40}, std::size_t{2000}}) {
            std::vector<std::string> words;
            for (std::size_t i = 0; i < count; ++i) words.push_back(random_word(rng, 3 + rng() % 20, alphabet));
            const Vocabulary vocabulary(words);
            const std::size_t cap = count > 256 ? 2 : 1000;
            for (int q = 0; q < 400; ++q) {
                const std::string word = q % 4 == 0 ? random_word(rng, 1 + rng() % 24, alphabet)
                                                    : misspell(rng, words[rng() % words.size()], alphabet);
                ASSERT_EQ(std::string(vocabulary.closest(word)), reference(word, words, cap)) << "word '" << word << "'";
            }
        }
    }
}

TEST(Vocabulary, SmallAndEmptyLists) {
    const Vocabulary none;
    EXPECT_EQ(none.closest("abc"), "");
    EXPECT_EQ(none.did_you_mean("abc"), "");
    const Vocabulary v({"investment", "operating"});
    EXPECT_EQ(v.did_you_mean("investmnt"), " (did you mean 'investment'?)");
    EXPECT_EQ(v.closest(std::string(10'000'000, 'i')), "");  // a huge word: no candidate
}

// 20,000 misspelt five-digit codes against 20,000 codes (the owners of a national scenario
// against its communes): well under a second even in a Debug build on a loaded machine.
TEST(Vocabulary, TwentyThousandWordsAgainstTwentyThousandCodes) {
    std::mt19937 rng(5);
    std::vector<std::string> codes;
    for (int i = 0; i < 20'000; ++i) codes.push_back(random_word(rng, 5, "0123456789"));
    std::vector<std::string> wrong;
    for (int i = 0; i < 20'000; ++i) wrong.push_back(misspell(rng, codes[rng() % codes.size()], "0123456789"));
    const auto start = std::chrono::steady_clock::now();
    const Vocabulary vocabulary(codes);
    std::size_t found = 0;
    for (const std::string& w : wrong) found += !vocabulary.closest(w).empty();
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    EXPECT_GT(found, 10'000u);
    EXPECT_LT(ms, 5000) << "20,000 look-ups took " << ms << " ms";
    std::cout << "20,000 look-ups in 20,000 codes: " << ms << " ms (index included)\n";
}

// The diagnostics parse_yaml gives for `text` ("" and no diagnostic when it parses).
std::vector<Diagnostic> parse(const std::string& text, const std::string& file = "f.yaml") {
    Context cx(file);
    (void)subsidy::io::detail::parse_yaml(cx, text);
    try {
        cx.throw_if_failed();
    } catch (const subsidy::io::load_error& e) {
        return e.diagnostics();
    }
    return {};
}

// The one diagnostic of `text`, as printed.
std::string one(const std::string& text, const std::string& file = "f.yaml") {
    const auto ds = parse(text, file);
    return ds.size() == 1 ? ds[0].to_string() : std::to_string(ds.size()) + " diagnostics";
}

TEST(TextCheck, TextThatIsFine) {
    EXPECT_TRUE(parse("a: \"\tx\"\r\nb: é€😀\r\n").empty());  // tab, CRLF, 2-, 3- and 4-byte characters
    EXPECT_TRUE(parse("\xEF\xBB\xBF" "a: 1\n").empty());             // a byte order mark
    EXPECT_TRUE(parse("").empty());
}

TEST(TextCheck, EachBadByteAtItsPlaceInCharacters) {
    EXPECT_EQ(one("a: 1\nbé: x\x01\n"), "f.yaml:2:6: error[E003]: a control character (U+0001): expected text");
    EXPECT_EQ(one("a: \xC2\x9F\n"), "f.yaml:1:4: error[E003]: a control character (U+009F): expected text");
    EXPECT_EQ(one("a: é\xE9\n").substr(0, 45), "f.yaml:1:5: error[E003]: not UTF-8: byte 0xE9");
    EXPECT_EQ(one("a: \xED\xBF\xBF\n").substr(25), "not UTF-8: bytes 0xED 0xBF encode a UTF-16 surrogate (U+D800 to U+DFFF), which UTF-8 never holds; save the file as UTF-8");
    EXPECT_EQ(one("a: \xF0\x8F\xBF\xBF\n").substr(12), "error[E003]: not UTF-8: bytes 0xF0 0x8F start an overlong encoding; save the file as UTF-8");
    EXPECT_EQ(one("a: 1\rb: 2\r"), "f.yaml:1:5: error[E003]: lines end with CR only: save the file with LF (or CRLF) line endings");
    EXPECT_EQ(one("\xEF\xBB\xBFé: \x7F"), "f.yaml:1:4: error[E003]: a control character (U+007F): expected text");
}

TEST(Columns, CountCharactersForTheParserToo) {
    // yaml-cpp stops at the '@' after three two-byte letters: byte column 13, character 10.
    EXPECT_EQ(one("a: [éèà, @]\n"), "f.yaml:1:10: error[E002]: YAML syntax: unknown token");
    Context cx("f.yaml");
    const std::string text = "x: 1\nyé: ü\n";
    cx.set_text(text);
    subsidy::io::detail::yaml::Mark m;
    m.line = 1, m.column = 5, m.pos = 10;  // the ü: bytes 5 of its line, characters 4
    EXPECT_EQ(cx.column(m), 5);
    m.pos = -1;  // no place in the text: the byte column as it is
    EXPECT_EQ(cx.column(m), 6);
}

TEST(JsonComments, AtTheCommentOnlyWhereATokenMayStart) {
    EXPECT_EQ(one("{\"a\": 1, // b\n}", "f.json"),
              "f.json:1:10: error[E002]: JSON has no comments: remove this '//' comment (a YAML file may hold # comments)");
    EXPECT_EQ(one("[1, /* x */ 2]").substr(0, 35), "f.yaml:1:5: error[E002]: JSON has n");
    EXPECT_TRUE(parse("{\"a\": \"http://x//y\", b: http://z}", "f.json").empty());  // in a string, after a colon
    EXPECT_TRUE(parse("a: // not JSON, a YAML block document\n").empty());
    EXPECT_TRUE(subsidy::io::detail::is_flow_document("# c\n--- [1]"));
    EXPECT_FALSE(subsidy::io::detail::is_flow_document("a: [1]"));
}

TEST(Structure, LimitsWhereTheyAreCrossed) {
    EXPECT_EQ(one("a: " + std::string(64, '[') + std::string(64, ']')).substr(0, 32), "f.yaml:1:67: error[E004]: mappin");
    EXPECT_TRUE(parse("a: " + std::string(63, '[') + std::string(63, ']')).empty());
    EXPECT_EQ(one("a: &x [*x]").substr(0, 39), "f.yaml:1:8: error[E004]: alias *x insid");
    EXPECT_EQ(one("a: 1\n---\nb: 2\n"),
              "f.yaml:2:1: error[E004]: a catalog or scenario file holds one YAML document; the second starts here");
    EXPECT_TRUE(parse("a: |\n  ---\nb: &x [1]\nc: *x\nd: *x\n").empty());
    // 10 aliases of 10 aliases … of a 10-entry list: l5 names 1.1 million nodes, and the ten
    // aliases of it on l6's line (the 7th) cross 10 million.
    std::string laughs = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i <= 7; ++i) {
        laughs += "l" + std::to_string(i) + ": &l" + std::to_string(i) + " [";
        for (int k = 0; k < 10; ++k) laughs += (k ? ", *l" : "*l") + std::to_string(i - 1);
        laughs += "]\n";
    }
    const auto ds = parse(laughs);
    ASSERT_EQ(ds.size(), 1u);
    EXPECT_EQ(ds[0].code, Code::limit);
    EXPECT_EQ(ds[0].line, 7);
}

TEST(SyntaxHint, TabsBlamedOnlyWhereTheyAreTheCause) {
    EXPECT_EQ(one("a:\n\tb: 1\n"), "f.yaml:2:1: error[E002]: YAML syntax: illegal tab when looking for indentation");
    // A legal tab in a block scalar, far above the real error: not blamed.
    EXPECT_EQ(one("a: |\n  \tx\nb: [1,\nc: 2\n"), "f.yaml:5:1: error[E002]: YAML syntax: end of sequence flow not found (the '[' at 3:4 is not closed)");
}

}  // namespace
