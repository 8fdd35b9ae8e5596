// Native tests (doctest). Run: build/native/mfg-tests (or `npm run test:native`). Tests are named by
// what they check; numerical tests that depend on a backend carry the backend in their name.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
