// 150_pct must not compile: a percent literal is at most 100 (operator""_pct is consteval).
// A multiplier above 100 % is spelt Rate::percent(150, RateBound::unbounded), at run time.
#include <subsidy/subsidy.hpp>

using namespace subsidy;
using namespace subsidy::literals;

int main() {
#ifdef SUBSIDY_EXPECT_COMPILE_FAILURE
    [[maybe_unused]] const Rate r = 150_pct;
#else
    [[maybe_unused]] const Rate r = 100_pct;
#endif
}
