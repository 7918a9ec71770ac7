// `Money m = 1.5;` must not compile: there is no (implicit or explicit) conversion from a double.
#include <subsidy/subsidy.hpp>

using namespace subsidy;

int main() {
#ifdef SUBSIDY_EXPECT_COMPILE_FAILURE
    [[maybe_unused]] Money m = 1.5;
#else
    [[maybe_unused]] Money m = Money::from_cents(150);
#endif
}
