// Money::from_cents(1.5) must not compile: money never comes from floating point.
#include <subsidy/subsidy.hpp>

using namespace subsidy;

int main() {
#ifdef SUBSIDY_EXPECT_COMPILE_FAILURE
    [[maybe_unused]] const Money m = Money::from_cents(1.5);
#else
    [[maybe_unused]] const Money m = Money::from_cents(1);
#endif
}
