#pragma once

#include <cmath>
#include <cstdint>
#include <span>

namespace gd::bench {

/// splitmix64: tiny, fast and identical on every platform and standard library, unlike
/// std::uniform_int_distribution, so a seed always yields the same bundle.
class Random {
public:
    explicit Random(std::uint64_t seed)
        : state_(seed)
    {
    }

    std::uint64_t next()
    {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    /// Uniform in [0, n).
    std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(((next() >> 32) * n) >> 32); }
    /// Uniform in [low, high].
    std::uint32_t between(std::uint32_t low, std::uint32_t high) { return low + below(high - low + 1); }
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    bool chance(double p) { return unit() < p; }
    /// In [0, n), small values far more likely: models popularity (a few hot sites, IPs, pages).
    std::uint32_t skewed(std::uint32_t n, double power)
    {
        double u = unit();
        double v = u;
        for (double p = power; p > 1.0; p -= 1.0)
            v *= u; // u^power for integral powers without pow() on the hot path
        const auto index = static_cast<std::uint32_t>(v * n);
        return index < n ? index : n - 1;
    }
    /// Index chosen with the given relative weights.
    std::size_t weighted(std::span<const std::uint32_t> weights)
    {
        std::uint32_t total = 0;
        for (std::uint32_t w : weights)
            total += w;
        std::uint32_t roll = below(total);
        for (std::size_t i = 0; i < weights.size(); ++i) {
            if (roll < weights[i])
                return i;
            roll -= weights[i];
        }
        return weights.size() - 1;
    }
    /// Poisson-distributed count with mean `lambda` (Knuth; fine for the small means used here).
    std::uint32_t poisson(double lambda)
    {
        const double limit = std::exp(-lambda);
        double product = unit();
        std::uint32_t count = 0;
        while (product > limit) {
            ++count;
            product *= unit();
        }
        return count;
    }

private:
    std::uint64_t state_;
};

} // namespace gd::bench
