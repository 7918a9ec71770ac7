// SUBSIDY_TEST_SANITIZED is defined when the tests run under AddressSanitizer or
// UndefinedBehaviorSanitizer (g++ or clang): the property tests then draw fewer cases.
#pragma once

#if defined(__SANITIZE_ADDRESS__)
#define SUBSIDY_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(undefined_behavior_sanitizer)
#define SUBSIDY_TEST_SANITIZED 1
#endif
#endif
