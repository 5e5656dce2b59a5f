namespace Marketplace.Payments.Allocation;

/// <summary>
/// Splits an amount in minor units into parts in proportion to weights, so that the parts always add up to the amount
/// exactly (largest remainder, or Hamilton's method). Pure: no I/O, no clock, no randomness.
/// </summary>
public static class Allocator
{
    /// <summary>
    /// Each part is first the floor of its exact share (total × weight / Σ weights); the cents still missing go one each
    /// to the parts with the largest remainders. Ties between equal remainders go to the larger weight first, then to
    /// the lower index — so the same input always gives the same parts, and a larger weight never gets less.
    /// </summary>
    /// <param name="total">The amount to split, zero or more.</param>
    /// <param name="weights">Zero or more each; at least one above zero unless the total is zero.</param>
    public static long[] Split(long total, IReadOnlyList<long> weights)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        ArgumentNullException.ThrowIfNull(weights);
        Int128 sum = 0;
        foreach (var weight in weights)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(weight, nameof(weights));
            sum += weight;
        }

        var parts = new long[weights.Count];
        if (total == 0)
        {
            return parts;
        }

        if (sum == 0)
        {
            throw new ArgumentException("A positive amount cannot be split when every weight is zero.", nameof(weights));
        }

        // Exact share of part i = total × w_i / Σw = floor + remainder / Σw: remainders share one denominator, so they compare as integers.
        var remainders = new Int128[weights.Count];
        var left = total;
        for (var i = 0; i < parts.Length; i++)
        {
            var exact = (Int128)total * weights[i];
            parts[i] = (long)(exact / sum);
            remainders[i] = exact % sum;
            left -= parts[i];
        }

        // Fewer cents are missing than there are parts with a remainder (Σ remainders / Σw = left, each remainder < Σw).
        if (left > 0)
        {
            var order = Enumerable.Range(0, parts.Length)
                .Where(i => remainders[i] > 0)
                .OrderByDescending(i => remainders[i])
                .ThenByDescending(i => weights[i])
                .ThenBy(i => i);
            foreach (var i in order.Take(checked((int)left)))
            {
                parts[i]++;
            }
        }

        return parts;
    }
}
