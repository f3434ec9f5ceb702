namespace Bastion.Core.Credentials;

/// <summary>The delay before a retry: exponential from a base, capped, with "equal jitter".</summary>
internal static class TokenBackoff
{
    /// <summary>
    /// The delay before retry number <paramref name="retry"/> (0 for the first retry): the exponential step
    /// <c>min(cap, base · 2^retry)</c>, of which the first half is always waited and the second half scaled by
    /// <paramref name="jitter"/>. So it lies in [step / 2, step] and never exceeds <paramref name="cap"/>.
    /// </summary>
    /// <param name="retry">0 before the first retry, 1 before the second, …</param>
    /// <param name="baseDelay">The step of the first retry.</param>
    /// <param name="cap">The largest step.</param>
    /// <param name="jitter">A number in [0, 1]; values outside are clamped.</param>
    public static TimeSpan Delay(int retry, TimeSpan baseDelay, TimeSpan cap, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retry);
        var step = Math.Min(cap.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 62)));
        var factor = double.IsNaN(jitter) ? 0 : Math.Clamp(jitter, 0, 1);
        return TimeSpan.FromMilliseconds(Math.Max(0, step / 2 * (1 + factor)));
    }
}
