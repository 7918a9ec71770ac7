// Money < Rate must not compile: an amount and a rate are not comparable.
#include <subsidy/subsidy.hpp>

using namespace subsidy;

int main() {
    const Money m = Money::from_euros(100);
    const Rate r = Rate::percent(75);
#ifdef SUBSIDY_EXPECT_COMPILE_FAILURE
    [[maybe_unused]] const bool b = m < r;
#else
    [[maybe_unused]] const bool b = m < apply(m, r);
#endif
}
