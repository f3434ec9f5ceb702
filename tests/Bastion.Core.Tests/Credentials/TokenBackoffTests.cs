using Bastion.Core.Credentials;

namespace Bastion.Core.Tests.Credentials;

public class TokenBackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(5);

    private static double[] Schedule(double jitter) =>
        [.. Enumerable.Range(0, 7).Select(retry => TokenBackoff.Delay(retry, Base, Cap, jitter).TotalMilliseconds)];

    [Fact]
    public void Delay_DoublesFromTheBase_UpToTheCap_AtFullJitter()
    {
        Schedule(1.0).ShouldBe([200, 400, 800, 1600, 3200, 5000, 5000]);
    }

    [Fact]
    public void Delay_KeepsHalfTheStep_AtNoJitter()
    {
        Schedule(0.0).ShouldBe([100, 200, 400, 800, 1600, 2500, 2500]);
    }

    [Fact]
    public void Delay_StaysWithinHalfTheStepAndTheStep_ForAnyJitter()
    {
        var random = new Random(42);
        foreach (var retry in new[] { 0, 1, 2, 5, 30, 1000, int.MaxValue })
        {
            var step = Math.Min(Cap.TotalMilliseconds, Base.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 62)));
            for (var i = 0; i < 100; i++)
            {
                var delay = TokenBackoff.Delay(retry, Base, Cap, random.NextDouble()).TotalMilliseconds;
                delay.ShouldBeInRange(step / 2, step);
            }
        }
    }

    [Fact]
    public void Delay_ClampsJitterOutsideZeroToOne()
    {
        TokenBackoff.Delay(0, Base, Cap, 7).ShouldBe(Base);
        TokenBackoff.Delay(0, Base, Cap, -3).ShouldBe(Base / 2);
        TokenBackoff.Delay(0, Base, Cap, double.NaN).ShouldBe(Base / 2);
    }

    [Fact]
    public void Delay_IsZero_ForAZeroBase()
    {
        TokenBackoff.Delay(3, TimeSpan.Zero, Cap, 1).ShouldBe(TimeSpan.Zero);
    }
}
