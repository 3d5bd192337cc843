// Delta debugging (Zeller and Hildebrandt, "Simplifying and Isolating
// Failure-Inducing Input", 2002): ddmin shrinks a failing configuration to a
// 1-minimal one, removing elements while a test still fails. Pure: the test
// is a callback, so the search is unit-tested with a fake oracle.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

namespace bootstorm {

/// A configuration: indices into the caller's list of elements, ascending.
using Configuration = std::vector<std::size_t>;

/// True when the configuration still shows the failure. ddmin never asks
/// about the full configuration (assumed failing) nor the empty one (assumed
/// passing), and never asks about the same configuration twice.
using FailureTest = std::function<bool(const Configuration&)>;

/// Zeller's ddmin over the elements 0..count-1: returns a configuration
/// for which `fails` holds (or the full one) such that removing any single
/// element of it makes `fails` false: 1-minimal with respect to the answers
/// it got. `count` 0 gives the empty configuration without a test.
Configuration Ddmin(std::size_t count, const FailureTest& fails);

}  // namespace bootstorm
