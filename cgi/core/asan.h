/* SPOR_ASAN is defined in an AddressSanitizer build (gcc says so with
 * __SANITIZE_ADDRESS__, clang with __has_feature). */
#ifndef SPOR_ASAN_H
#define SPOR_ASAN_H

#if defined(__SANITIZE_ADDRESS__)
#define SPOR_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SPOR_ASAN 1
#endif
#endif

#endif
