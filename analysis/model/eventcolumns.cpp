#include "model/eventcolumns.h"

namespace gd {

namespace {

template <typename Fn> void forEachColumn(EventColumns& c, Fn&& fn)
{
    EventColumns::forEachMember([&](auto member) { fn(c.*member); });
}

template <typename T> void permuteColumn(std::vector<T>& column, const std::vector<std::uint32_t>& order)
{
    if (column.empty())
        return; // a column nobody filled (a parsed source has no source column until the merge)
    std::vector<T> result;
    result.reserve(order.size());
    for (const std::uint32_t index : order)
        result.push_back(column[index]);
    column.swap(result);
}

} // namespace

void EventColumns::reserve(std::size_t n)
{
    forEachColumn(*this, [n](auto& column) { column.reserve(n); });
}

void EventColumns::clear()
{
    forEachColumn(*this, [](auto& column) { column.clear(); });
}

void EventColumns::shrinkToFit()
{
    forEachColumn(*this, [](auto& column) { column.shrink_to_fit(); });
}

std::size_t EventColumns::memoryBytes() const
{
    std::size_t bytes = 0;
    forEachColumn(const_cast<EventColumns&>(*this),
                  [&bytes](auto& column) { bytes += column.capacity() * sizeof(column[0]); });
    return bytes;
}

void EventColumns::permute(const std::vector<std::uint32_t>& order)
{
    forEachColumn(*this, [&order](auto& column) { permuteColumn(column, order); });
}

} // namespace gd
