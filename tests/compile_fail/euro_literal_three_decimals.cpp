// 1.234_eur must not compile: a euro literal has at most two decimals (whole cents).
#include <subsidy/subsidy.hpp>

using namespace subsidy;
using namespace subsidy::literals;

int main() {
#ifdef SUBSIDY_EXPECT_COMPILE_FAILURE
    [[maybe_unused]] const Money m = 1.234_eur;
#else
    [[maybe_unused]] const Money m = 1.23_eur;
#endif
}
