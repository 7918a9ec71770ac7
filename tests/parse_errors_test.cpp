// Every parser's refusals, in one table: for each bad text, the exception is exactly
// subsidy::parse_error, e.input() is the text as given (untrimmed), and e.what() is pinned in
// full: `bad <kind> "<input>": <reason> (expected …)`. The parsers are Money::parse
// (money/money.hpp), Rate::parse (money/rate.hpp) and parse_date (time/date.hpp), the exception
// error.hpp's: one table over two layers, so it sits at the top of tests/.
//
// Each message below was read from the real parser and checked to quote the input and to say
// what was expected. A few reasons are worded for a different mistake than the one made; they are
// pinned as they are and marked "(reason is imprecise)".
#include <gtest/gtest.h>

#include <subsidy/time/date.hpp>
#include <subsidy/money/money.hpp>
#include <subsidy/money/rate.hpp>

#include <ostream>
#include <string>

using namespace subsidy;

namespace {

// The "(expected …)" tail each parser appends to its reason.
#define MONEY_TAIL " (expected an amount in euros such as 45000.00, -12.5 or 45 000,00 €)"
#define RATE_TAIL " (expected a rate such as 75%, 62.5 %, 0.755 or 1/3)"
#define DATE_TAIL " (expected an ISO date YYYY-MM-DD such as 2021-04-06)"

enum class Kind { money, rate, date };

struct BadText {
    const char* name;  // test name suffix (letters, digits, underscores)
    Kind kind;
    const char* input;
    const char* what;
};

std::ostream& operator<<(std::ostream& os, const BadText& b) { return os << '"' << b.input << '"'; }

void parse(Kind kind, const std::string& text) {
    switch (kind) {
        case Kind::money: (void)Money::parse(text); return;
        case Kind::rate: (void)Rate::parse(text); return;  // bounded: at most 100 %
        case Kind::date: (void)parse_date(text); return;
    }
}

// clang-format off
const BadText kBadTexts[] = {
    // ---- money -------------------------------------------------------------------------------
    {"MoneyEmpty", Kind::money, "",
     "bad money \"\": empty text" MONEY_TAIL},
    {"MoneyLetters", Kind::money, "abc",
     "bad money \"abc\": expected a digit at the start" MONEY_TAIL},
    {"MoneyThreeDecimals", Kind::money, "12.345",
     "bad money \"12.345\": more than two decimals (money is counted in whole cents)" MONEY_TAIL},
    {"MoneyTwoPoints", Kind::money, "1.2.3",
     "bad money \"1.2.3\": unexpected \".3\" after the number" MONEY_TAIL},
    {"MoneyDoubleMinus", Kind::money, "--5",
     "bad money \"--5\": expected a digit after the sign" MONEY_TAIL},
    {"MoneyShortLastGroup", Kind::money, "45 00",
     "bad money \"45 00\": digit groups must have three digits" MONEY_TAIL},
    {"MoneyLongLastGroup", Kind::money, "4 5000",
     "bad money \"4 5000\": digit groups must have three digits" MONEY_TAIL},
    {"MoneyLongFirstGroup", Kind::money, "1000 000",
     "bad money \"1000 000\": digit groups must have three digits" MONEY_TAIL},
    {"MoneyNoDecimalAfterComma", Kind::money, "12,",
     "bad money \"12,\": expected one or two decimals after the decimal separator" MONEY_TAIL},
    {"MoneyEuroSignOnly", Kind::money, "€",
     "bad money \"€\": no digits before the euro sign" MONEY_TAIL},
    // The second euro sign is what is wrong.
    {"MoneyTwoEuroSigns", Kind::money, "12 €€",
     "bad money \"12 €€\": unexpected \"€\" after the number" MONEY_TAIL},
    {"MoneyExponent", Kind::money, "1e5",
     "bad money \"1e5\": unexpected \"e5\" after the number" MONEY_TAIL},
    {"MoneyHexadecimal", Kind::money, "0x10",
     "bad money \"0x10\": unexpected \"x10\" after the number" MONEY_TAIL},
    // 17 significant digits of euros: 10^16 € and more is beyond the range.
    {"MoneyBeyondRange", Kind::money, "99999999999999999",
     "bad money \"99999999999999999\": beyond the money range (at most 9 999 999 999 999 999,99 €)" MONEY_TAIL},
    // U+0661 U+0662, Arabic-Indic digits one and two. (reason is imprecise: there is no sign)
    {"MoneyNonAsciiDigits", Kind::money, "١٢",
     "bad money \"١٢\": expected a digit at the start" MONEY_TAIL},
    {"MoneyTrailingLetter", Kind::money, " 12.5x",
     "bad money \" 12.5x\": unexpected \"x\" after the number" MONEY_TAIL},
    {"MoneyEnglishThousands", Kind::money, "1,000.00",
     "bad money \"1,000.00\": more than two decimals (money is counted in whole cents)" MONEY_TAIL},
    {"MoneySpaceAfterSign", Kind::money, "- 5",
     "bad money \"- 5\": expected a digit after the sign" MONEY_TAIL},
    // A leading euro sign is not accepted (French writing puts it after the amount).
    {"MoneyLeadingEuroSign", Kind::money, "€12",
     "bad money \"€12\": expected a digit at the start" MONEY_TAIL},
    // Only spaces group digits: no underscore, no C++-style apostrophe.
    {"MoneyUnderscoreSeparator", Kind::money, "45_000",
     "bad money \"45_000\": unexpected \"_000\" after the number" MONEY_TAIL},
    {"MoneyApostropheSeparator", Kind::money, "45'000",
     "bad money \"45'000\": unexpected \"'000\" after the number" MONEY_TAIL},
    {"MoneyTab", Kind::money, "12\t5",
     "bad money \"12\t5\": unexpected \"\t5\" after the number" MONEY_TAIL},

    // ---- rates -------------------------------------------------------------------------------
    {"RateEmpty", Kind::rate, "",
     "bad rate \"\": empty text" RATE_TAIL},
    {"RateNegative", Kind::rate, "-5%",
     "bad rate \"-5%\": a rate cannot be negative" RATE_TAIL},
    {"RatePercentOnly", Kind::rate, "%",
     "bad rate \"%\": no number before '%'" RATE_TAIL},
    {"RateZeroDenominator", Kind::rate, "1/0",
     "bad rate \"1/0\": zero denominator" RATE_TAIL},
    {"RateDoublePercent", Kind::rate, "75%%",
     "bad rate \"75%%\": '%' must end the rate" RATE_TAIL},
    {"RateLetters", Kind::rate, "abc",
     "bad rate \"abc\": expected digits for the number" RATE_TAIL},
    {"RateTwoSlashes", Kind::rate, "1/3/4",
     "bad rate \"1/3/4\": unexpected \"/4\" in the denominator" RATE_TAIL},
    {"RateNineteenDecimals", Kind::rate, "0.1234567890123456789",
     "bad rate \"0.1234567890123456789\": more than 18 decimals" RATE_TAIL},
    {"RateAboveBound", Kind::rate, "150%",
     "bad rate \"150%\": above 100 % (only allowed where the caller asks for an unbounded rate)" RATE_TAIL},
    {"RateFractionAboveBound", Kind::rate, "3/2",
     "bad rate \"3/2\": above 100 %" RATE_TAIL},
    {"RateNoDenominator", Kind::rate, "5/",
     "bad rate \"5/\": expected digits for the denominator" RATE_TAIL},
    {"RateNoNumerator", Kind::rate, "/5",
     "bad rate \"/5\": expected digits for the numerator" RATE_TAIL},
    {"RateDecimalNumerator", Kind::rate, "1.5/2",
     "bad rate \"1.5/2\": unexpected \".5\" in the numerator" RATE_TAIL},
    {"RateTextAfterPercent", Kind::rate, "75%x",
     "bad rate \"75%x\": '%' must end the rate" RATE_TAIL},
    {"RateTwoPoints", Kind::rate, "0.5.5",
     "bad rate \"0.5.5\": unexpected \".5\" after the number" RATE_TAIL},
    {"RateNoDecimalAfterPoint", Kind::rate, "12.",
     "bad rate \"12.\": expected digits after the decimal separator" RATE_TAIL},
    // 10^20 − 1 is more than 2^63 − 1 = 9 223 372 036 854 775 807.
    {"RateNumberTooLarge", Kind::rate, "99999999999999999999",
     "bad rate \"99999999999999999999\": the number is too large" RATE_TAIL},
    // 18 decimals of a percent: the denominator 100·10^18 overflows 64 bits.
    {"RatePercentTooManyDigits", Kind::rate, "0.123456789012345678%",
     "bad rate \"0.123456789012345678%\": too many digits" RATE_TAIL},
    {"RatePercentInNumerator", Kind::rate, "50%/2",
     "bad rate \"50%/2\": unexpected \"%\" in the numerator" RATE_TAIL},

    // ---- dates -------------------------------------------------------------------------------
    {"DateFebruary30", Kind::date, "2021-02-30",
     "bad date \"2021-02-30\": day 30 does not exist in that month" DATE_TAIL},
    {"DateMonth13", Kind::date, "2021-13-01",
     "bad date \"2021-13-01\": month 13 does not exist" DATE_TAIL},
    {"DateTwoDigitYear", Kind::date, "21-04-06",
     "bad date \"21-04-06\": not in the form YYYY-MM-DD" DATE_TAIL},
    {"DateSlashes", Kind::date, "2021/04/06",
     "bad date \"2021/04/06\": not in the form YYYY-MM-DD" DATE_TAIL},
    {"DateOneDigitMonthAndDay", Kind::date, "2021-4-6",
     "bad date \"2021-4-6\": not in the form YYYY-MM-DD" DATE_TAIL},
    {"DateEmpty", Kind::date, "",
     "bad date \"\": empty text" DATE_TAIL},
    {"DateWithTime", Kind::date, "2021-04-06T00:00",
     "bad date \"2021-04-06T00:00\": not in the form YYYY-MM-DD" DATE_TAIL},
    {"DateFebruary29NotLeap", Kind::date, "2023-02-29",
     "bad date \"2023-02-29\": day 29 does not exist in that month" DATE_TAIL},
    {"DateLetters", Kind::date, "abcd-ef-gh",
     "bad date \"abcd-ef-gh\": 'a' is not a digit" DATE_TAIL},
    {"DateMonth0", Kind::date, "2021-00-10",
     "bad date \"2021-00-10\": month 0 does not exist" DATE_TAIL},
    {"DateDay0", Kind::date, "2021-04-00",
     "bad date \"2021-04-00\": day 0 does not exist in that month" DATE_TAIL},
    {"DateApril31", Kind::date, "2021-04-31",
     "bad date \"2021-04-31\": day 31 does not exist in that month" DATE_TAIL},
    {"DateLetterInDay", Kind::date, "2021-04-6x",
     "bad date \"2021-04-6x\": 'x' is not a digit" DATE_TAIL},
    {"DateTrailingSpace", Kind::date, "2021-04-06 ",
     "bad date \"2021-04-06 \": not in the form YYYY-MM-DD" DATE_TAIL},
    {"DateLeadingSpace", Kind::date, " 2021-04-06",
     "bad date \" 2021-04-06\": not in the form YYYY-MM-DD" DATE_TAIL},
};
// clang-format on

class ParseErrors : public ::testing::TestWithParam<BadText> {};

}  // namespace

TEST_P(ParseErrors, ThrowsParseErrorQuotingTheInput) {
    const BadText& row = GetParam();
    try {
        parse(row.kind, row.input);
        ADD_FAILURE() << "accepted \"" << row.input << "\"";
    } catch (const parse_error& e) {
        EXPECT_EQ(e.input(), row.input);
        EXPECT_STREQ(e.what(), row.what);
    } catch (const std::exception& e) {
        ADD_FAILURE() << "threw something other than parse_error: " << e.what();
    }
}

TEST_P(ParseErrors, IsASubsidyError) {
    // parse_error derives from subsidy::error, so one handler catches every library failure.
    EXPECT_THROW(parse(GetParam().kind, GetParam().input), subsidy::error);
}

INSTANTIATE_TEST_SUITE_P(BadTexts, ParseErrors, ::testing::ValuesIn(kBadTexts),
                         [](const ::testing::TestParamInfo<BadText>& info) { return std::string(info.param.name); });
