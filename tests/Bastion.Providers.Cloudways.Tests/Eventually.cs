using System.Diagnostics;

namespace Bastion.Providers.Cloudways.Tests;

/// <summary>Waits for a condition that another thread makes true soon (a request the fake logs after the client left); up to 30 s, which only a loaded machine needs.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string? because = null)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30), because ?? "the condition never held");
            await Task.Delay(10);
        }
    }
}
