// Default options of the sanitizers (preset `asan`), read by their runtimes at start-up; the
// environment (ASAN_OPTIONS, ...) still overrides them.
//  - a failed allocation returns null, as without ASan: the NIR reader's child relies on it at its
//    address-space limit (spec/read_nir.cpp) to turn a damaged length into a diagnostic;
//  - leaks of the third-party libraries named in cmake/lsan.supp are not ours;
//  - every UBSan finding stops the program with a stack trace, so the test that tripped it fails.
extern "C" const char* __asan_default_options() { return "allocator_may_return_null=1:detect_leaks=1"; }
extern "C" const char* __lsan_default_options() { return "suppressions=" NP_LSAN_SUPPRESSIONS ":print_suppressions=0"; }
extern "C" const char* __ubsan_default_options() { return "print_stacktrace=1:halt_on_error=1"; }
